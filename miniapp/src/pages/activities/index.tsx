import { View } from '@tarojs/components';
import { useMe } from '../../hooks/useMe';

/** 活动: the member's activities (filled in by the activities issue). */
export default function ActivitiesPage() {
  useMe();
  return (
    <View className="page activities">
      <View className="card">
        <View className="card-title">我的活动</View>
        <View className="empty" id="activities-empty">
          暂无活动
        </View>
      </View>
    </View>
  );
}
