import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, type ActivityView } from '@djzy/shared';
import { ROUTES } from '../routes';
import { formatRange, myStatusLabel, statusTone } from '../utils/activity';
import './ActivityCard.scss';

export interface ActivityCardProps {
  activity: ActivityView;
  /** The id prefix of the card's elements (`activity` → `activity-<id>`, `status-<id>`). */
  idPrefix?: string;
}

/** One activity on a list: kind, title, time, place and my status; a tap opens the detail. */
export default function ActivityCard({ activity: a, idPrefix = 'activity' }: ActivityCardProps) {
  const label = myStatusLabel(a);
  return (
    <View
      className="card activity-card"
      id={`${idPrefix}-${a.id}`}
      onClick={() => Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(a.id)}` })}
    >
      <View className="activity-card-head">
        <View className="activity-kind">{ACTIVITY_KIND_LABELS[a.kind] ?? '活动'}</View>
        {label && (
          <View className={`activity-status activity-status-${statusTone(a)}`} id={`${idPrefix}-status-${a.id}`}>
            {label}
          </View>
        )}
      </View>
      <View className="activity-title">{a.title}</View>
      <View className="activity-meta">时间：{formatRange(a.startsAt, a.endsAt)}</View>
      {a.location && <View className="activity-meta">地点：{a.location.name}</View>}
    </View>
  );
}
