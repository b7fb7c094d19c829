import { View } from '@tarojs/components';

/** 投诉建议: the channel the State Council rules require (the form comes with the feedback issue). */
export default function FeedbackPage() {
  return (
    <View className="page feedback">
      <View className="card">
        <View className="card-title">投诉建议</View>
        <View className="muted" id="feedback-placeholder">
          投诉建议功能即将开放。您的意见将直接送达乡镇党委，并在这里收到答复。
        </View>
      </View>
    </View>
  );
}
