import { useState } from 'react';
import { View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { currentPeriod, parsePeriod, periodLabel, type RankingItem } from '@djzy/shared';
import { getBranchRanking } from '../../services/points';
import { ensureSignedIn } from '../../services/session';
import './index.scss';

/**
 * 支部积分排名: the member's own branch, only where the branch shows personal rankings (the
 * server answers RANKING_HIDDEN otherwise, and its message is shown instead of a list).
 */
export default function RankingPage() {
  const { params } = useRouter();
  const period = parsePeriod(params.period)?.key ?? currentPeriod('year');
  const [items, setItems] = useState<RankingItem[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useLoad(() => {
    if (!ensureSignedIn()) return;
    // silent: the message (RANKING_HIDDEN or any other) is the page's empty state, not a toast
    getBranchRanking(period, 1, { silent: true })
      .then((page) => setItems(page.items))
      .catch((e: Error) => setMessage(e.message));
  });

  return (
    <View className="page ranking">
      <View className="card">
        <View className="card-title">支部积分排名</View>
        <View className="muted" id="ranking-period">
          {periodLabel(period)}
        </View>
        {message && (
          <View className="empty" id="ranking-message">
            {message}
          </View>
        )}
        {!message && items === null && <View className="muted">正在加载…</View>}
        {items?.length === 0 && (
          <View className="empty" id="ranking-empty">
            暂无排名
          </View>
        )}
        {items?.map((r) => (
          <View key={r.memberId} className="ranking-row" id={`ranking-${r.memberId}`}>
            <View className="ranking-rank">第{r.rank}名</View>
            <View className="ranking-name">{r.name}</View>
            <View className="ranking-points">{r.points}分</View>
          </View>
        ))}
      </View>
    </View>
  );
}
