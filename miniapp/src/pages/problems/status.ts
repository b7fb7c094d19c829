import { PROBLEM_STATUS_LABELS, type ProblemView } from '@djzy/shared';

/** The colour of a status tag: red when overdue, green once 销号, grey when void, amber otherwise. */
export function problemTone(p: Pick<ProblemView, 'status' | 'overdue'>): 'overdue' | 'closed' | 'void' | 'open' {
  if (p.status === 'closed') return 'closed';
  if (p.status === 'void') return 'void';
  return p.overdue ? 'overdue' : 'open';
}

/** 整改中, 申请销号 … in Chinese. */
export function problemStatusLabel(p: Pick<ProblemView, 'status'>): string {
  return PROBLEM_STATUS_LABELS[p.status] ?? p.status;
}

/** `2026-12-31前`, or 未定 before it is assigned. */
export function deadlineText(p: Pick<ProblemView, 'deadline'>): string {
  return p.deadline ? `${p.deadline.slice(0, 10)}前` : '未定';
}
