import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { toLocalDate } from '@djzy/shared';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { ROUTES } from '../../routes';
import { getMyRectifications } from '../../services/activities';
import { RECTIFICATION_STATUS_LABELS } from './status';
import './index.scss';

/** 整改通知: the 限期整改通知书 addressed to me, newest first. */
export default function RectificationsPage() {
  const { data, error } = usePageData(() => getMyRectifications({ silent: true }));
  return (
    <View className="page rectifications">
      <ListBody items={data} error={error} errorId="rectifications-error" empty="没有整改通知" emptyId="rectifications-empty">
        {(n) => (
          <View
            key={n.id}
            className="card rect-item"
            id={`rect-${n.id}`}
            onClick={() => Taro.navigateTo({ url: `${ROUTES.rectificationDetail}?id=${encodeURIComponent(n.id)}` })}
          >
            <View className="rect-item-main">
              <View className="rect-title">限期整改通知书</View>
              <View className="rect-meta">{n.orgName}</View>
              <View className="rect-meta">整改期限：{toLocalDate(n.deadline)}</View>
            </View>
            <View className={`rect-status rect-status-${n.status}`}>{RECTIFICATION_STATUS_LABELS[n.status]}</View>
          </View>
        )}
      </ListBody>
    </View>
  );
}
