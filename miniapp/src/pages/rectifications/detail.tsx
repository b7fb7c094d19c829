import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { toLocalDate } from '@djzy/shared';
import { usePageData } from '../../hooks/usePageData';
import { getMyRectifications } from '../../services/activities';
import { formatDateTime } from '../../utils/activity';
import { decodeParam } from '../../utils/params';
import { RECTIFICATION_STATUS_LABELS } from './status';
import PageLoading from '../../components/PageLoading';
import './index.scss';

/** One 限期整改通知书: its text, the meetings missed, the deadline and where it stands. */
export default function RectificationDetailPage() {
  const { params } = useRouter();
  const id = decodeParam(params.id);
  // A member reads only their own notices: the list is short, take the one asked for from it.
  const { data: list, error } = usePageData(() => (id ? getMyRectifications({ silent: true }) : null));
  const notice = list?.find((x) => x.id === id);

  if (!notice) {
    const why = !id || (list && !error) ? '通知不存在' : error;
    return <PageLoading page="rectification-detail" error={why} errorId="rect-error" />;
  }
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
