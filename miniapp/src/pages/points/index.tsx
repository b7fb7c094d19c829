import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import {
  CURRENT_PERIOD_LABELS,
  PERIOD_KINDS,
  POINTS_SOURCE_LABELS,
  currentPeriod,
  periodLabel,
  type MyPointsResponse,
  type PeriodKind,
  type PointsEntryView,
} from '@djzy/shared';
import Segments from '../../components/Segments';
import { ROUTES } from '../../routes';
import { getMyPoints } from '../../services/points';
import { ensureSignedIn } from '../../services/session';
import './index.scss';

/** The switch: 本年 / 本季度 / 本月. */
const PERIOD_CHOICES = PERIOD_KINDS.map((k) => ({ key: k, label: CURRENT_PERIOD_LABELS[k] }));

/** `+5` / `−3` (a true minus sign, easier to see than a hyphen). */
function formatDelta(delta: number): string {
  return delta >= 0 ? `+${delta}` : `−${Math.abs(delta)}`;
}

/** The mark of a corrected entry: 已冲正 (a later entry reversed it) or 冲正 (it is the reversal). */
function reversalMark(e: PointsEntryView): string | null {
  if (e.reversedBy) return '已冲正';
  if (e.reversalOf) return '冲正';
  return null;
}

/** One ledger entry: date, reason, points, where it came from. */
function EntryRow({ entry }: { entry: PointsEntryView }) {
  const mark = reversalMark(entry);
  const source = POINTS_SOURCE_LABELS[entry.sourceType as keyof typeof POINTS_SOURCE_LABELS] ?? entry.ruleName;
  return (
    <View className={`points-entry${entry.reversedBy ? ' points-entry-reversed' : ''}`} id={`entry-${entry.id}`}>
      <View className="points-entry-main">
        <View className="points-entry-reason">{entry.reason || entry.ruleName}</View>
        <View className="points-entry-meta">
          {entry.effectiveDate}
          {source && !(mark && entry.sourceType === 'reversal') ? ` · ${source}` : ''}
        </View>
        {mark && (
          <View className="points-mark" id={`mark-${entry.id}`}>
            {mark}
          </View>
        )}
      </View>
      <View className={`points-delta ${entry.delta >= 0 ? 'points-plus' : 'points-minus'}`}>{formatDelta(entry.delta)}</View>
    </View>
  );
}

/** 我的积分: the balance of a period, its ledger entries, and the branch rank where the branch shows one. */
export default function PointsPage() {
  const [kind, setKind] = useState<PeriodKind>('year');
  const [data, setData] = useState<MyPointsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  // Answers can arrive out of order when the member switches quickly: keep only the latest.
  const latest = useRef(0);

  const load = (k: PeriodKind) => {
    if (!ensureSignedIn()) return;
    const ticket = ++latest.current;
    setLoading(true);
    getMyPoints(currentPeriod(k))
      .then((res) => {
        if (ticket !== latest.current) return;
        setData(res);
        setError(null);
      })
      .catch((e: Error) => {
        if (ticket !== latest.current) return;
        setData(null);
        setError(e.message);
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
  };

  useDidShow(() => load(kind));

  const choose = (k: PeriodKind) => {
    if (k === kind) return;
    setKind(k);
    load(k);
  };

  const showRank = !!data?.rankingVisible && data.rank != null;

  return (
    <View className="page points">
      <Segments choices={PERIOD_CHOICES} value={kind} onChoose={choose} idPrefix="period" id="period-switch" className="period-switch" />

      <View className="card points-summary" id="points-summary">
        <View className="muted" id="points-period">
          {CURRENT_PERIOD_LABELS[kind]}积分（{periodLabel(data?.period ?? currentPeriod(kind))}）
        </View>
        {data ? (
          <View className="points-balance" id="points-balance">
            {data.balance}
            <Text className="points-unit">分</Text>
          </View>
        ) : (
          <View className="muted">{error ?? '正在加载…'}</View>
        )}
        {showRank && (
          <View className="points-rank-row">
            <View className="points-rank" id="points-rank">
              本支部排名 第{data!.rank}名
            </View>
            <View
              className="points-rank-link"
              id="points-ranking-link"
              onClick={() => Taro.navigateTo({ url: `${ROUTES.pointsRanking}?period=${encodeURIComponent(data!.period)}` })}
            >
              查看支部排名 ›
            </View>
          </View>
        )}
      </View>

      <View className="card" id="points-entries">
        <View className="card-title">积分明细</View>
        {data && data.entries.length === 0 && (
          <View className="empty" id="points-empty">
            暂无积分记录
          </View>
        )}
        {data?.entries.map((e) => (
          <EntryRow key={e.id} entry={e} />
        ))}
        {!data && loading && <View className="muted">正在加载…</View>}
      </View>

      <View className="muted points-note" id="points-note">
        积分依据参加组织生活、学习和服务获得，不统计在线时长。
      </View>
    </View>
  );
}
