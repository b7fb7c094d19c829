import { useState } from 'react';
import { View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { toLocalDate, type RectificationNoticeView } from '@djzy/shared';
import { getMyRectifications } from '../../services/activities';
import { ensureSignedIn } from '../../services/session';
import { formatDateTime } from '../../utils/activity';
import { decodeParam } from '../../utils/params';
import { RECTIFICATION_STATUS_LABELS } from './status';
import PageLoading from '../../components/PageLoading';
import './index.scss';

/** One 限期整改通知书: its text, the meetings missed, the deadline and where it stands. */
export default function RectificationDetailPage() {
  const { params } = useRouter();
  const id = decodeParam(params.id);
  const [notice, setNotice] = useState<RectificationNoticeView | null>(null);
  const [error, setError] = useState<string | null>(id ? null : '通知不存在');

  useDidShow(() => {
    if (!ensureSignedIn()) return;
    if (!id) return;
    // A member reads only their own notices: the list is short, take the one asked for from it.
    getMyRectifications({ silent: true })
      .then((list) => {
        const n = list.find((x) => x.id === id) ?? null;
        setNotice(n);
        setError(n ? null : '通知不存在');
      })
      .catch((e: Error) => setError(e.message));
  });

  if (!notice) return <PageLoading page="rectification-detail" error={error} errorId="rect-error" />;
  return (
    <View className="page rectification-detail">
      <View className="card">
        <View className="card-title">限期整改通知书</View>
        <View className="rect-meta">
          {notice.orgName} · {toLocalDate(notice.createdAt)}
        </View>
        <View className="rect-line">
          <View className="rect-key">整改期限</View>
          <View className="rect-val" id="rect-deadline">
            {toLocalDate(notice.deadline)}前
          </View>
        </View>
        <View className="rect-line">
          <View className="rect-key">状态</View>
          <View className={`rect-val rect-status-text-${notice.status}`} id="rect-status">
            {RECTIFICATION_STATUS_LABELS[notice.status]}
          </View>
        </View>
        <View className="rect-content" id="rect-content">
          {notice.content}
        </View>
      </View>
      {notice.missed.length > 0 && (
        <View className="card" id="rect-missed">
          <View className="card-title">未参加的活动</View>
          {notice.missed.map((m) => (
            <View key={m.activityId} className="rect-missed-row">
              <View>{m.title}</View>
              <View className="muted">{formatDateTime(m.startsAt)}</View>
            </View>
          ))}
        </View>
      )}
      {notice.status === 'resolved' && (
        <View className="card" id="rect-resolution">
          <View className="card-title">整改情况</View>
          {notice.resolvedAt && <View className="muted">销号于 {toLocalDate(notice.resolvedAt)}</View>}
          {notice.resolution && <View className="rect-content">{notice.resolution}</View>}
        </View>
      )}
    </View>
  );
}
