import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { periodLabel, toLocalDate } from '@djzy/shared';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { ROUTES } from '../../routes';
import { getPointsNotices } from '../../services/points';
import './index.scss';

/** 评比通报: the published notices of the member's org and the orgs above it, newest first. */
export default function NoticesPage() {
  const { data, error } = usePageData(() => getPointsNotices());
  return (
    <View className="page notices">
      <ListBody items={data?.items ?? null} error={error} empty="暂无评比通报" emptyId="notices-empty">
        {(n) => (
          <View
            key={n.id}
            className="card notice-item"
            id={`notice-${n.id}`}
            onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.id)}` })}
          >
            <View className="notice-item-main">
              <View className="notice-title">{n.title}</View>
              <View className="notice-meta">
                {n.orgName} · {periodLabel(n.period)}
              </View>
              {n.publishedAt && <View className="notice-meta">发布于 {toLocalDate(n.publishedAt)}</View>}
            </View>
            <View className="notice-arrow">›</View>
          </View>
        )}
      </ListBody>
    </View>
  );
}
