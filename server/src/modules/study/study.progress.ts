/**
 * The study module's door for other modules: materials by id and members' completions. Online
 * study activities (网络式) read attendance from here; the study tables are this module's.
 */
import { In, type DataSource } from 'typeorm';
import type { MaterialKind } from '@djzy/shared';
import { StudyCompletion, StudyMaterial } from './study.entity';

export class StudyProgress {
  constructor(private readonly ds: DataSource) {}

  /** Title and kind of these materials, by id. */
  async materials(ids: string[]): Promise<Map<string, { id: string; title: string; kind: MaterialKind }>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.getRepository(StudyMaterial).find({ where: { id: In([...new Set(ids)]) }, select: ['id', 'title', 'kind'] });
    return new Map(rows.map((m) => [m.id, m]));
  }

  /** When a member completed each of these materials (those not completed are left out). */
  async completions(memberId: string, materialIds: string[]): Promise<Map<string, Date>> {
    if (!materialIds.length) return new Map();
    const rows = await this.ds
      .getRepository(StudyCompletion)
      .find({ where: { memberId, materialId: In([...new Set(materialIds)]) }, select: ['materialId', 'completedAt'] });
    return new Map(rows.map((d) => [d.materialId, d.completedAt]));
  }

  /** Of `memberIds`, those who completed every one of `materialIds` by `by`. */
  async completedAll(materialIds: string[], memberIds: string[], by: Date): Promise<string[]> {
    if (!materialIds.length || !memberIds.length) return [];
    const done: string[] = [];
    for (let i = 0; i < memberIds.length; i += 500) {
      const rows = await this.ds
        .getRepository(StudyCompletion)
        .createQueryBuilder('c')
        .select('c.memberId', 'memberId')
        .where('c.materialId IN (:...materialIds)', { materialIds })
        .andWhere('c.memberId IN (:...memberIds)', { memberIds: memberIds.slice(i, i + 500) })
        .andWhere('c.completedAt <= :by', { by })
        .groupBy('c.memberId')
        .having('COUNT(*) = :n', { n: new Set(materialIds).size })
        .getRawMany<{ memberId: string }>();
      done.push(...rows.map((r) => r.memberId));
    }
    return done;
  }
}
