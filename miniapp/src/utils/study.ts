import { NOTE_STATUS_LABELS, type FinishSessionResponse, type NoteStatus, type StudyMaterialView, type StudyPlanView } from '@djzy/shared';

/** A reflection's status as the member reads it (the shared wording; an unknown status as is). */
export function noteStatusLabel(status: NoteStatus): string {
  return NOTE_STATUS_LABELS[status] ?? status;
}

/** Why a finish did not complete the material — in words, never with a number of seconds. */
export function unfinishedReasons(material: Pick<StudyMaterialView, 'quizMode' | 'minSeconds'>, res: FinishSessionResponse): string[] {
  const reasons: string[] = [];
  if (material.quizMode !== 'replace_time' && res.secondsCounted < material.minSeconds) {
    reasons.push('阅读时间还不够，请继续认真阅读后再点“完成学习”');
  }
  if (res.quizPassed === false) {
    const wrong = res.wrongQuestions ?? [];
    reasons.push(
      wrong.length
        ? `${wrong.map((n) => `第${n}题`).join('、')}答得不对，请再看看资料，改好后再点“完成学习”`
        : '答题还有错误，请再看看资料后重新作答',
    );
  }
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

/**
 * The learning kit as the 学习 tab shows it: 必学 first, then by tag (a material under its first
 * tag, in the order tags first appear), then the untagged as 其他.
 */
export function kitSections<M extends { id: string; required: boolean; tags: string[] }>(
  items: readonly M[],
): { title: string; items: M[] }[] {
  const sections: { title: string; items: M[] }[] = [];
  const required = items.filter((m) => m.required);
  if (required.length) sections.push({ title: '必学', items: required });
  const byTag = new Map<string, M[]>();
  const other: M[] = [];
  for (const m of items) {
    if (m.required) continue;
    const tag = m.tags.find((t) => t !== '必学');
    if (!tag) other.push(m);
    else byTag.set(tag, [...(byTag.get(tag) ?? []), m]);
  }
  for (const [title, list] of byTag) sections.push({ title, items: list });
  if (other.length) sections.push({ title: '其他', items: other });
  return sections;
}

/** Every tag of the kit, for browsing by tag (most used first). */
export function kitTags(items: readonly { tags: string[] }[]): string[] {
  const count = new Map<string, number>();
  for (const m of items) for (const t of m.tags) count.set(t, (count.get(t) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([t]) => t);
}
