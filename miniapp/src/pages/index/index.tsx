import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { toLocalDate, type ActivityView, type PointsNoticeView } from '@djzy/shared';
import ActivityCard from '../../components/ActivityCard';
import ListBody from '../../components/ListBody';
import { useMe } from '../../hooks/useMe';
import { ROUTES } from '../../routes';
import { listMyActivities } from '../../services/activities';
import { takesPartFromAfar } from '../../utils/activity';
import { getMyPoints, getPointsNotices } from '../../services/points';
import { isSignedIn } from '../../services/session';
import './index.scss';

/**
 * 首页: who is signed in, this year's points, what is coming up, what was announced. A mobile
 * member (流动党员) first sees what they can do from afar: 网络学习, activities open to remote
 * participation, 报告近况; an in-person meeting at home is not pushed to them as 可签到.
 */
/** A remote entry's text: how they take part, then the title (without saying 网络学习 twice). */
function remoteLabel(a: ActivityView): string {
  const how = a.studyMode === 'online' ? '网络学习' : '远程参加';
  return a.title.startsWith(how) ? a.title : `${how}：${a.title}`;
}

export default function HomePage() {
  const { me, error } = useMe();
  const [points, setPoints] = useState<number | null>(null);
  const [upcoming, setUpcoming] = useState<ActivityView[] | null>(null);
  const [notices, setNotices] = useState<PointsNoticeView[] | null>(null);

  // This year's points, quietly: the card simply stays away if they cannot be loaded.
  useDidShow(() => {
    if (!isSignedIn()) return;
    getMyPoints(undefined, { silent: true })
      .then((res) => setPoints(res.balance))
      .catch(() => setPoints(null));
    // The next three of my activities (the ones still running first).
    listMyActivities({ from: new Date(), pageSize: 3 }, { silent: true })
      .then((res) => setUpcoming(res.items))
      .catch(() => setUpcoming((prev) => prev ?? []));
    // What was announced: the newest published 评比通报 of my org and the orgs above it.
    getPointsNotices(1, { silent: true })
      .then((res) => setNotices(res.items.slice(0, 3)))
      .catch(() => setNotices((prev) => prev ?? []));
  });
  const away = !!me?.isMobile;
  // Away: what can be done from afar first, then the rest (as they came: soonest first).
  const shown = away && upcoming ? [...upcoming.filter(takesPartFromAfar), ...upcoming.filter((a) => !takesPartFromAfar(a))] : upcoming;
  const remote = (upcoming ?? []).filter((a) => a.status !== 'cancelled' && takesPartFromAfar(a));

  return (
    <View className="page home">
      <View className="card" id="greeting">
        {me ? (
          <>
            <View className="card-title greeting-name" id="greeting-name">
              {me.name}同志，您好
            </View>
            <Text className="muted" id="greeting-branch">
              {me.branchName ?? me.orgName ?? '未分配支部'}
            </Text>
          </>
        ) : (
          <View className="muted">{error ?? '正在加载…'}</View>
        )}
      </View>

      {away && (
        <View className="card home-remote" id="home-remote">
          <View className="card-title">在外也能参加</View>
          <View className="card entry home-remote-entry" id="home-remote-study" onClick={() => Taro.switchTab({ url: ROUTES.study })}>
            <View className="entry-text">网络学习</View>
            <View className="entry-arrow">›</View>
          </View>
          {remote.map((a) => (
            <View
              key={a.id}
              className="card entry home-remote-entry"
              id={`home-remote-${a.id}`}
              onClick={() => Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(a.id)}` })}
            >
              <View className="entry-text">{remoteLabel(a)}</View>
              <View className="entry-arrow">›</View>
            </View>
          ))}
          <View
            className="card entry home-remote-entry"
            id="home-remote-report"
            onClick={() => Taro.navigateTo({ url: ROUTES.myMobility })}
          >
            <View className="entry-text">报告近况</View>
            <View className="entry-arrow">›</View>
          </View>
        </View>
      )}

      {points !== null && (
        <View className="card home-points" id="home-points" onClick={() => Taro.navigateTo({ url: ROUTES.points })}>
          <View className="home-points-label">本年积分</View>
          <View className="home-points-value" id="home-points-value">
            {points}分
          </View>
          <View className="home-points-arrow">›</View>
        </View>
      )}

      <View className="home-section" id="upcoming">
        <View className="home-section-head">
          <View className="home-section-title">近期活动</View>
          <View className="home-section-more" id="upcoming-more" onClick={() => Taro.switchTab({ url: ROUTES.activities })}>
            全部 ›
          </View>
        </View>
        <ListBody items={shown} empty="暂无近期活动" emptyId="upcoming-empty" loadingClass="card muted">
          {(a) => <ActivityCard key={a.id} activity={a} idPrefix="upcoming" away={away} />}
        </ListBody>
      </View>

      <View className="home-section" id="notices">
        <View className="home-section-head">
          <View className="home-section-title">通知</View>
          {!!notices?.length && (
            <View className="home-section-more" id="notices-more" onClick={() => Taro.navigateTo({ url: ROUTES.notices })}>
              全部 ›
            </View>
          )}
        </View>
        <ListBody items={notices} empty="暂无通知" emptyId="notices-empty" loadingClass="card muted">
          {(n) => (
            <View
              key={n.id}
              className="card home-notice"
              id={`home-notice-${n.id}`}
              onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.id)}` })}
            >
              <View className="home-notice-title">{n.title}</View>
              <View className="muted">
                {n.orgName}
                {n.publishedAt ? ` · ${toLocalDate(n.publishedAt)}` : ''}
              </View>
            </View>
          )}
        </ListBody>
      </View>
    </View>
  );
}
