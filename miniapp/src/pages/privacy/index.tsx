import { Button, View } from '@tarojs/components';
import Taro, { useUnload } from '@tarojs/taro';
import { answerPrivacy } from '../../services/privacy';

/** WeChat's privacy guide: shown when a privacy-relevant API needs the member's consent. */
export default function PrivacyPage() {
  // Leaving the page without an answer declines, so the waiting API call does not hang.
  useUnload(() => answerPrivacy('disagree'));

  const openContract = () => {
    if (typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({});
  };

  return (
    <View className="page privacy">
      <View className="card">
        <View className="card-title">隐私保护提示</View>
        <View className="muted">
          在您使用定位签到前，请阅读并同意《党建智慧云隐私保护指引》。我们仅在活动开启定位签到时获取您的位置，用于核验是否在活动地点附近，只保存与活动地点的距离。
        </View>
        <View className="link" onClick={openContract}>
          查看《党建智慧云隐私保护指引》
        </View>
      </View>
      <Button
        id="privacy-agree"
        className="btn-primary"
        openType="agreePrivacyAuthorization"
        onAgreePrivacyAuthorization={() => {
          answerPrivacy('agree', 'privacy-agree');
          Taro.navigateBack().catch(() => undefined);
        }}
      >
        同意
      </Button>
      <Button
        id="privacy-disagree"
        className="btn-secondary"
        onClick={() => {
          answerPrivacy('disagree');
          Taro.navigateBack().catch(() => undefined);
        }}
      >
        不同意
      </Button>
    </View>
  );
}
