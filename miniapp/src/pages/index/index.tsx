import { Text, View } from '@tarojs/components';
import { useMe } from '../../hooks/useMe';
import './index.scss';

/** 首页: who is signed in, what is coming up, what was announced. */
export default function HomePage() {
  const { me, error } = useMe();
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

      <View className="card" id="upcoming">
        <View className="card-title">近期活动</View>
        <View className="empty">暂无近期活动</View>
      </View>

      <View className="card" id="notices">
        <View className="card-title">通知</View>
        <View className="empty">暂无通知</View>
      </View>
    </View>
  );
}
