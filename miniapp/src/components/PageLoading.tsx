import { View } from '@tarojs/components';

/** A detail page before its record arrives: 正在加载…, or in words why it cannot be shown. */
export default function PageLoading({ page, error, errorId }: { page: string; error: string | null; errorId: string }) {
  return (
    <View className={`page ${page}`}>
      <View className="card">
        {error ? (
          <View className="empty" id={errorId}>
            {error}
          </View>
        ) : (
          <View className="muted">正在加载…</View>
        )}
      </View>
    </View>
  );
}
