import { useRef, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { ActivityView } from '@djzy/shared';
import ActivityCard from '../../components/ActivityCard';
import Segments from '../../components/Segments';
import { useMe } from '../../hooks/useMe';
import { listMyActivities } from '../../services/activities';
import { ensureSignedIn } from '../../services/session';

type Segment = 'upcoming' | 'past';
const SEGMENTS: { key: Segment; label: string }[] = [
  { key: 'upcoming', label: '即将开始' },
  { key: 'past', label: '往期' },
];
const PAGE_SIZE = 20;

interface ListState {
  items: ActivityView[];
  total: number;
  page: number;
}

/** Stops the pull-down spinner; harmless where there is none. */
function stopRefresh(): void {
  try {
    Promise.resolve(Taro.stopPullDownRefresh()).catch(() => undefined);
  } catch {
    /* not available */
  }
}

/** 活动: my activities, 即将开始 (not yet over, soonest first) and 往期 (over, latest first). */
export default function ActivitiesPage() {
  const [segment, setSegment] = useState<Segment>('upcoming');
  const [lists, setLists] = useState<Record<Segment, ListState | null>>({ upcoming: null, past: null });
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const segmentRef = useRef<Segment>('upcoming');
  // A mobile member (away from home): an in-person meeting at home reads 需到现场, not 可签到.
  const { me } = useMe();
  const away = !!me?.isMobile;

  const load = async (seg: Segment, page = 1) => {
    if (!ensureSignedIn()) return;
    setLoading(true);
    const now = new Date();
    try {
      const res = await listMyActivities(
        seg === 'upcoming' ? { from: now, page, pageSize: PAGE_SIZE } : { to: now, page, pageSize: PAGE_SIZE },
        {
          silent: true,
        },
      );
      // 往期 asks for everything that started before now; the ones still running belong to 即将开始.
      const items = seg === 'past' ? res.items.filter((a) => new Date(a.endsAt).getTime() < now.getTime()) : res.items;
      setLists((prev) => {
        const before = page > 1 ? (prev[seg]?.items ?? []) : [];
        return { ...prev, [seg]: { items: [...before, ...items], total: res.total, page } };
      });
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
      stopRefresh();
    }
  };

  useDidShow(() => {
    void load(segmentRef.current);
  });
  usePullDownRefresh(() => {
    void load(segmentRef.current);
  });

  const choose = (seg: Segment) => {
    segmentRef.current = seg;
    setSegment(seg);
    void load(seg);
  };

  const list = lists[segment];
  const more = list && list.page * PAGE_SIZE < list.total;
  return (
    <View className="page activities">
      <Segments choices={SEGMENTS} value={segment} onChoose={choose} idPrefix="segment" />

      {error && !list && (
        <View className="card">
          <View className="error-text" id="activities-error">
            {error}
          </View>
          <Button className="btn-secondary" onClick={() => load(segment)}>
            重试
          </Button>
        </View>
      )}
      {!error && !list && <View className="muted">正在加载…</View>}
      {list && list.items.length === 0 && (
        <View className="card">
          <View className="empty" id="activities-empty">
            {segment === 'upcoming' ? '近期没有活动' : '暂无往期活动'}
          </View>
        </View>
      )}
      {list?.items.map((a) => (
        <ActivityCard key={a.id} activity={a} away={away} />
      ))}
      {more && (
        <Button id="activities-more" className="btn-secondary" loading={loading} onClick={() => load(segment, list.page + 1)}>
          加载更多
        </Button>
      )}
    </View>
  );
}
