import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { currentPeriod, parsePeriod, periodLabel } from '@djzy/shared';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { getBranchRanking } from '../../services/points';
import './index.scss';

/**
 * 支部积分排名: the member's own branch, only where the branch shows personal rankings (the
 * server answers RANKING_HIDDEN otherwise, and its message is shown instead of a list).
 */
export default function RankingPage() {
  const { params } = useRouter();
  const period = parsePeriod(params.period)?.key ?? currentPeriod('year');
  // silent: the message (RANKING_HIDDEN or any other) is the page's empty state, not a toast
  const { data, error: message } = usePageData(() => getBranchRanking(period, 1, { silent: true }), 'load');

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
        {!message && (
          <ListBody items={data?.items ?? null} empty="暂无排名" emptyId="ranking-empty" inCard>
            {(r) => (
              <View key={r.memberId} className="ranking-row" id={`ranking-${r.memberId}`}>
                <View className="ranking-rank">第{r.rank}名</View>
                <View className="ranking-name">{r.name}</View>
                <View className="ranking-points">{r.points}分</View>
              </View>
            )}
          </ListBody>
        )}
      </View>
    </View>
  );
}
