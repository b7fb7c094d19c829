import { View } from '@tarojs/components';
import type { ActivityView } from '@djzy/shared';
import { formatRange } from '../utils/activity';

/**
 * An activity's time and place lines (detail page, scan page). The place is the activity's own
 * (set with or without a geofence); `idPrefix` names the lines: `<prefix>-time`, `<prefix>-place`.
 */
export default function WhenWhere({
  activity,
  idPrefix,
}: {
  activity: Pick<ActivityView, 'startsAt' | 'endsAt' | 'place' | 'location'>;
  idPrefix: string;
}) {
  const place = activity.place ?? activity.location?.name ?? null;
  return (
    <>
      <View className="info-line" id={`${idPrefix}-time`}>
        <View className="info-key">时间</View>
        <View className="info-val">{formatRange(activity.startsAt, activity.endsAt)}</View>
      </View>
      {place && (
        <View className="info-line" id={`${idPrefix}-place`}>
          <View className="info-key">地点</View>
          <View className="info-val">{place}</View>
        </View>
      )}
    </>
  );
}
