/** What the 问题清单 and 投诉建议 screens share: the status tag, overdue text and error wording. */
import { ApiError, PROBLEM_STATUS_LABELS, type ProblemStatus, type ProblemView } from '@djzy/shared';
import { Tag } from 'antd';
import dayjs from 'dayjs';

const STATUS_COLORS: Record<ProblemStatus, string> = {
  registered: 'default',
  assigned: 'blue',
  rectifying: 'orange',
  submitted: 'purple',
  closed: 'green',
  void: 'default',
};

/** The status of a problem, with `逾期 N 天` in red beside it while it is overdue. */
export function ProblemStatusCell(props: { problem: ProblemView }) {
  const { problem } = props;
  return (
    <span>
      <Tag color={STATUS_COLORS[problem.status]} data-testid={`problem-status-${problem.id}`}>
        {PROBLEM_STATUS_LABELS[problem.status]}
      </Tag>
      {problem.overdue && (
        <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }} data-testid={`problem-overdue-${problem.id}`}>
          逾期 {problem.overdueDays} 天
        </span>
      )}
    </span>
  );
}

/** Years a list can be filtered by: next year back to four years ago. */
export function yearOptions(): { value: number; label: string }[] {
  const now = dayjs().year();
  return Array.from({ length: 6 }, (_, i) => now + 1 - i).map((y) => ({ value: y, label: `${y} 年` }));
}

/**
 * The server's answer to a refused move, in words: its message, and for a state conflict the
 * state the problem is in now (someone else moved it meanwhile).
 */
export function moveErrorText(err: unknown, fallback: string): string {
  if (!(err instanceof ApiError)) return fallback;
  const details = err.details as { from?: string } | undefined;
  if (err.code === 'STATE_CONFLICT' && details?.from && details.from in PROBLEM_STATUS_LABELS)
    return `${err.message}（当前状态：${PROBLEM_STATUS_LABELS[details.from as ProblemStatus]}）`;
  return err.message;
}

/** `2026-03-02T09:00:00+08:00` as `2026-03-02 09:00`. */
export const minute = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
