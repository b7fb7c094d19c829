import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { periodLabel, toLocalDate, type PointsNoticeView } from '@djzy/shared';
import { ROUTES } from '../../routes';
import { getPointsNotices } from '../../services/points';
import { ensureSignedIn } from '../../services/session';
import './index.scss';

/** 评比通报: the published notices of the member's org and the orgs above it, newest first. */
export default function NoticesPage() {
  const [items, setItems] = useState<PointsNoticeView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    if (!ensureSignedIn()) return;
    getPointsNotices()
      .then((page) => {
        setItems(page.items);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  });

  return (
    <View className="page notices">
      {error && !items && <View className="error-text">{error}</View>}
      {!error && items === null && <View className="muted">正在加载…</View>}
      {items?.length === 0 && (
        <View className="card">
          <View className="empty" id="notices-empty">
            暂无评比通报
          </View>
        </View>
      )}
      {items?.map((n) => (
        <View
          key={n.id}
          className="card notice-item"
          id={`notice-${n.id}`}
          onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.id)}` })}
        >
          <View className="notice-item-main">
            <View className="notice-title">{n.title}</View>
            <View className="notice-meta">
              {n.orgName} · {periodLabel(n.period)}
            </View>
            {n.publishedAt && <View className="notice-meta">发布于 {toLocalDate(n.publishedAt)}</View>}
          </View>
          <View className="notice-arrow">›</View>
        </View>
      ))}
    </View>
  );
}
