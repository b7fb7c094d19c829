/** What the 服务群众 screens share: the deed status tag with 逾期 N 天, and refusals in words. */
import { ApiError, DEED_STATUS_LABELS, type DeedStatus, type DeedView } from '@djzy/shared';
import { Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const STATUS_COLORS: Record<DeedStatus, string> = {
  registered: 'default',
  accepted: 'blue',
  in_progress: 'orange',
  done: 'cyan',
  confirmed: 'green',
  declined: 'default',
};

/** The status of a deed, with `逾期 N 天` in red beside it while it is overdue. */
export function DeedStatusCell(props: { deed: DeedView }) {
  const { deed } = props;
  return (
    <span>
      <Tag color={STATUS_COLORS[deed.status]} data-testid={`deed-status-${deed.id}`}>
        {DEED_STATUS_LABELS[deed.status]}
      </Tag>
      {deed.overdue && (
        <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }} data-testid={`deed-overdue-${deed.id}`}>
          逾期 {deed.overdueDays} 天
        </span>
      )}
    </span>
  );
}

/** The server's answer to a refused move: its message, and for a state conflict the state it is in now. */
export function deedErrorText(err: unknown, fallback: string): string {
  if (!(err instanceof ApiError)) return fallback;
  const details = err.details as { from?: string } | undefined;
  if (err.code === 'STATE_CONFLICT' && details?.from && details.from in DEED_STATUS_LABELS)
    return `${err.message}（当前状态：${DEED_STATUS_LABELS[details.from as DeedStatus]}）`;
  return err.message;
}

/** Days before `first` cannot be picked. */
export const disabledBefore = (first: Dayjs) => (d: Dayjs) => d.isBefore(first, 'day');
/** Days after `last` cannot be picked. */
export const disabledAfter = (last: Dayjs) => (d: Dayjs) => d.isAfter(last, 'day');

/** Years a list can be filtered by: next year back to four years ago. */
export function yearOptions(): { value: number; label: string }[] {
  const now = dayjs().year();
  return Array.from({ length: 6 }, (_, i) => now + 1 - i).map((y) => ({ value: y, label: `${y} 年` }));
}
