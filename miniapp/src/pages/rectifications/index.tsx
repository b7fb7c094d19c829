import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { toLocalDate, type RectificationNoticeView } from '@djzy/shared';
import { ROUTES } from '../../routes';
import { getMyRectifications } from '../../services/activities';
import { ensureSignedIn } from '../../services/session';
import { RECTIFICATION_STATUS_LABELS } from './status';
import './index.scss';

/** 整改通知: the 限期整改通知书 addressed to me, newest first. */
export default function RectificationsPage() {
  const [items, setItems] = useState<RectificationNoticeView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    if (!ensureSignedIn()) return;
    getMyRectifications({ silent: true })
      .then((list) => {
        setItems(list);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  });

  return (
    <View className="page rectifications">
      {error && !items && (
        <View className="error-text" id="rectifications-error">
          {error}
        </View>
      )}
      {!error && items === null && <View className="muted">正在加载…</View>}
      {items?.length === 0 && (
        <View className="card">
          <View className="empty" id="rectifications-empty">
            没有整改通知
          </View>
        </View>
      )}
      {items?.map((n) => (
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
      ))}
    </View>
  );
}
