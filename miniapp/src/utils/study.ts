import type { FinishSessionResponse, NoteStatus, StudyMaterialView, StudyPlanView } from '@djzy/shared';

/** A reflection's status as the member reads it (held notes wait for the branch). */
export const NOTE_STATUS_TEXT: Record<NoteStatus, string> = { published: '已发布', review: '待支部审核', rejected: '未通过' };

export function noteStatusLabel(status: NoteStatus): string {
  return NOTE_STATUS_TEXT[status] ?? status;
}

/** Why a finish did not complete the material — in words, never with a number of seconds. */
export function unfinishedReasons(material: Pick<StudyMaterialView, 'quizMode' | 'minSeconds'>, res: FinishSessionResponse): string[] {
  const reasons: string[] = [];
  if (material.quizMode !== 'replace_time' && res.secondsCounted < material.minSeconds) {
    reasons.push('阅读时间还不够，请继续认真阅读后再点“完成学习”');
  }
  if (res.quizPassed === false) reasons.push('答题还有错误，请再看看资料后重新作答');
  if (!reasons.length) reasons.push('还没有达到完成要求，请继续学习');
  return reasons;
}

/** How many of a list's materials I have completed, of how many: `已学 x / y` (never time). */
export function progressOf(materials: readonly { completed: boolean | null }[]): { done: number; total: number } {
  return { done: materials.filter((m) => m.completed).length, total: materials.length };
}

/** A plan's progress line: `已学 1 / 2`. */
export function planProgressText(plan: Pick<StudyPlanView, 'materials'>): string {
  const { done, total } = progressOf(plan.materials);
  return `已学 ${done} / ${total}`;
}

/** `2026-11-01 至 2026-11-30` (one day: just the day). */
export function planDates(plan: Pick<StudyPlanView, 'startsOn' | 'endsOn'>): string {
  return plan.startsOn === plan.endsOn ? plan.endsOn : `${plan.startsOn} 至 ${plan.endsOn}`;
}
