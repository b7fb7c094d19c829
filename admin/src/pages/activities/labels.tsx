/** Small display helpers shared by the 组织生活 screens. */
import { ACTIVITY_STATUS_LABELS, type ActivityStatus } from '@djzy/shared';
import { Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const STATUS_COLORS: Record<ActivityStatus, string> = { draft: 'gold', published: 'green', cancelled: 'default' };

/** The activity's status as a coloured tag (草稿 / 已发布 / 已取消). */
export function ActivityStatusTag(props: { status: ActivityStatus }) {
  return (
    <Tag color={STATUS_COLORS[props.status]} data-testid="activity-status">
      {ACTIVITY_STATUS_LABELS[props.status]}
    </Tag>
  );
}

/** 2026-11-27 09:00–11:00, or with both dates when the activity spans days. */
export function timeRange(startsAt: string, endsAt: string): string {
  const s = dayjs(startsAt);
  const e = dayjs(endsAt);
  return s.isSame(e, 'day')
    ? `${s.format('YYYY-MM-DD HH:mm')}–${e.format('HH:mm')}`
    : `${s.format('YYYY-MM-DD HH:mm')} 至 ${e.format('YYYY-MM-DD HH:mm')}`;
}

/**
 * A picked wall-clock time as the contract's ISO string with offset. The console runs in the
 * township's zone (Asia/Shanghai), so the browser's offset is the township's: +08:00.
 */
export function toIso(d: Dayjs): string {
  return d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** 85.3% from a 0–1 rate. */
export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
