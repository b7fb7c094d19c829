/**
 * The study side of activities: the materials an online study activity links (网络式: studying
 * them all is attendance) and the pairs of a paired study activity (结对式).
 */
import type { ActivityMaterialView, StudyPairInput, StudyPairView } from '@djzy/shared';
import { fieldError } from '../../core/errors';
import type { MemberDirectory } from '../member';
import type { Org } from '../org';
import type { StudyProgress } from '../study';
import type { ActivityRepository } from './activity.repository';

/**
 * Pairs of members invited to the activity (the org's subtree or the extra invitees): mentor and
 * mentee differ, and each member is a mentee at most once.
 */
export async function checkPairs(
  members: MemberDirectory,
  org: Org,
  extraIds: string[],
  pairs: StudyPairInput[],
): Promise<StudyPairInput[]> {
  const mentees = new Set<string>();
  pairs.forEach((pair, i) => {
    if (pair.mentorId === pair.menteeId) throw fieldError(`pairs.${i}.menteeId`, '结对的两人不能是同一人');
    if (mentees.has(pair.menteeId)) throw fieldError(`pairs.${i}.menteeId`, '同一党员只能结对一次');
    mentees.add(pair.menteeId);
  });
  const ids = [...new Set(pairs.flatMap((pair) => [pair.mentorId, pair.menteeId]))];
  if (!ids.length) return [];
  const rows = await members
    .query('m', 'org')
    .select(['m.id AS id', 'org.path AS path'])
    .where('m.id IN (:...ids)', { ids })
    .getRawMany<{ id: string; path: string }>();
  const invited = new Set(rows.filter((r) => r.path.startsWith(org.path) || extraIds.includes(r.id)).map((r) => r.id));
  pairs.forEach((pair, i) => {
    if (!invited.has(pair.mentorId)) throw fieldError(`pairs.${i}.mentorId`, '结对党员须是本次活动的参加人员');
    if (!invited.has(pair.menteeId)) throw fieldError(`pairs.${i}.menteeId`, '结对党员须是本次活动的参加人员');
  });
  return pairs.map(({ mentorId, menteeId }) => ({ mentorId, menteeId }));
}

/** Materials and pairs of several activities, with the caller's own completion of each material. */
export async function loadStudyExtras(
  repo: ActivityRepository,
  members: MemberDirectory,
  progress: StudyProgress,
  activityIds: string[],
  memberId: string | null,
): Promise<{ materials: Map<string, ActivityMaterialView[]>; pairs: Map<string, StudyPairView[]> }> {
  const materials = new Map<string, ActivityMaterialView[]>();
  const pairs = new Map<string, StudyPairView[]>();
  if (!activityIds.length) return { materials, pairs };
  const links = await repo.materialLinksOf(activityIds);
  if (links.length) {
    const ids = [...new Set(links.map((l) => l.materialId))];
    const found = await progress.materials(ids);
    const done = memberId ? new Set((await progress.completions(memberId, ids)).keys()) : null;
    for (const l of links) {
      const m = found.get(l.materialId);
      if (!m) continue;
      materials.set(l.activityId, [
        ...(materials.get(l.activityId) ?? []),
        { id: m.id, title: m.title, kind: m.kind, completed: done ? done.has(m.id) : null },
      ]);
    }
  }
  const pairRows = await repo.pairsOf(activityIds);
  if (pairRows.length) {
    const ids = [...new Set(pairRows.flatMap((r) => [r.mentorId, r.menteeId]))];
    const names = await members.namesOf(ids);
    for (const r of pairRows)
      pairs.set(r.activityId, [
        ...(pairs.get(r.activityId) ?? []),
        { mentorId: r.mentorId, mentorName: names.get(r.mentorId) ?? '', menteeId: r.menteeId, menteeName: names.get(r.menteeId) ?? '' },
      ]);
  }
  return { materials, pairs };
}
