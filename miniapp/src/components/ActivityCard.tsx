import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, type ActivityView } from '@djzy/shared';
import { ROUTES } from '../routes';
import { formatRange, myStatusLabel, statusTone, takesPartFromAfar } from '../utils/activity';
import './ActivityCard.scss';

export interface ActivityCardProps {
  activity: ActivityView;
  /** The id prefix of the card's elements (`activity` → `activity-<id>`, `status-<id>`). */
  idPrefix?: string;
  /** The member is away (流动党员): an in-person meeting at home is not offered as 可签到. */
  away?: boolean;
}

/** One activity on a list: kind, title, time, place and my status; a tap opens the detail. */
export default function ActivityCard({ activity: a, idPrefix = 'activity', away = false }: ActivityCardProps) {
  const onSite = away && a.myStatus === 'open' && a.status !== 'cancelled' && !takesPartFromAfar(a);
  const label = onSite ? '需到现场' : myStatusLabel(a);
  return (
    <View
      className="card activity-card"
      id={`${idPrefix}-${a.id}`}
      onClick={() => Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(a.id)}` })}
    >
      <View className="activity-card-head">
        <View className="activity-kind">{ACTIVITY_KIND_LABELS[a.kind] ?? '活动'}</View>
        {label && (
          <View className={`activity-status activity-status-${onSite ? 'plain' : statusTone(a)}`} id={`${idPrefix}-status-${a.id}`}>
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
