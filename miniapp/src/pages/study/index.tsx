import { View } from '@tarojs/components';
import { useMe } from '../../hooks/useMe';

/** 学习: the learning kit, 党员小书包 (filled in by the study issue). */
export default function StudyPage() {
  useMe();
  return (
    <View className="page study">
      <View className="card">
        <View className="card-title">党员小书包</View>
        <View className="empty" id="study-empty">
          暂无学习资料
        </View>
      </View>
    </View>
  );
}
