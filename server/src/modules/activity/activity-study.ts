/**
 * The study side of activities: the materials an online study activity links (网络式: studying
 * them all is attendance) and the pairs of a paired study activity (结对式).
 */
import { In, type DataSource } from 'typeorm';
import type { ActivityMaterialView, StudyPairInput, StudyPairView } from '@djzy/shared';
import { fieldError } from '../../core/errors';
import { Member } from '../member/member.entity';
import { Org } from '../org/org.entity';
import { StudyCompletion, StudyMaterial } from '../study/study.entity';
import { ActivityMaterial, ActivityStudyPair } from './activity.entity';

/**
 * Pairs of members invited to the activity (the org's subtree or the extra invitees): mentor and
 * mentee differ, and each member is a mentee at most once.
 */
export async function checkPairs(ds: DataSource, org: Org, extraIds: string[], pairs: StudyPairInput[]): Promise<StudyPairInput[]> {
  const mentees = new Set<string>();
  pairs.forEach((pair, i) => {
    if (pair.mentorId === pair.menteeId) throw fieldError(`pairs.${i}.menteeId`, '结对的两人不能是同一人');
    if (mentees.has(pair.menteeId)) throw fieldError(`pairs.${i}.menteeId`, '同一党员只能结对一次');
    mentees.add(pair.menteeId);
  });
  const ids = [...new Set(pairs.flatMap((pair) => [pair.mentorId, pair.menteeId]))];
  if (!ids.length) return [];
  const rows = await ds
    .getRepository(Member)
    .createQueryBuilder('m')
    .innerJoin(Org, 'org', 'org.id = m.orgId')
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
  ds: DataSource,
  activityIds: string[],
  memberId: string | null,
): Promise<{ materials: Map<string, ActivityMaterialView[]>; pairs: Map<string, StudyPairView[]> }> {
  const materials = new Map<string, ActivityMaterialView[]>();
  const pairs = new Map<string, StudyPairView[]>();
  if (!activityIds.length) return { materials, pairs };
  const links = await ds.getRepository(ActivityMaterial).find({ where: { activityId: In(activityIds) }, order: { position: 'ASC' } });
  if (links.length) {
    const ids = [...new Set(links.map((l) => l.materialId))];
    const found = await ds.getRepository(StudyMaterial).find({ where: { id: In(ids) }, select: ['id', 'title', 'kind'] });
    const done = memberId ? new Set((await ds.getRepository(StudyCompletion).find({ where: { memberId, materialId: In(ids) }, select: ['materialId'] })).map((d) => d.materialId)) : null;
    for (const l of links) {
      const m = found.find((x) => x.id === l.materialId);
      if (!m) continue;
      materials.set(l.activityId, [...(materials.get(l.activityId) ?? []), { id: m.id, title: m.title, kind: m.kind, completed: done ? done.has(m.id) : null }]);
    }
  }
  const pairRows = await ds.getRepository(ActivityStudyPair).find({ where: { activityId: In(activityIds) }, order: { position: 'ASC' } });
  if (pairRows.length) {
    const ids = [...new Set(pairRows.flatMap((r) => [r.mentorId, r.menteeId]))];
    const names = new Map((await ds.getRepository(Member).find({ where: { id: In(ids) }, select: ['id', 'name'] })).map((m) => [m.id, m.name]));
    for (const r of pairRows)
      pairs.set(r.activityId, [
        ...(pairs.get(r.activityId) ?? []),
        { mentorId: r.mentorId, mentorName: names.get(r.mentorId) ?? '', menteeId: r.menteeId, menteeName: names.get(r.menteeId) ?? '' },
      ]);
  }
  return { materials, pairs };
}

/**
 * The linked materials a member has not completed by `before`, and when the last of the others
 * was completed (an online study activity's attendance is that moment).
 */
export async function onlineProgress(ds: DataSource, activityId: string, memberId: string, before: Date): Promise<{ remaining: string[]; lastAt: Date | null }> {
  const links = await ds.getRepository(ActivityMaterial).find({ where: { activityId }, select: ['materialId'] });
  const ids = links.map((l) => l.materialId);
  if (!ids.length) return { remaining: [], lastAt: null };
  const done = await ds.getRepository(StudyCompletion).find({ where: { memberId, materialId: In(ids) }, select: ['materialId', 'completedAt'] });
  const counted = done.filter((d) => d.completedAt.getTime() <= before.getTime());
  const remaining = ids.filter((id) => !counted.some((d) => d.materialId === id));
  const lastAt = counted.length ? new Date(Math.max(...counted.map((d) => d.completedAt.getTime()))) : null;
  return { remaining, lastAt };
}
