/**
 * The study module's door for other modules: materials by id and members' completions. Online
 * study activities (网络式) read attendance from here; the study tables are this module's.
 */
import type { DataSource } from 'typeorm';
import type { MaterialKind } from '@djzy/shared';
import { StudyRepository } from './study.repository';

export class StudyProgress {
  private readonly repo: StudyRepository;

  constructor(ds: DataSource) {
    this.repo = new StudyRepository(ds);
  }

  /** Title and kind of these materials, by id. */
  async materials(ids: string[]): Promise<Map<string, { id: string; title: string; kind: MaterialKind }>> {
    if (!ids.length) return new Map();
    const rows = await this.repo.materialsBrief([...new Set(ids)]);
    return new Map(rows.map((m) => [m.id, m]));
  }

  /** When a member completed each of these materials (those not completed are left out). */
  async completions(memberId: string, materialIds: string[]): Promise<Map<string, Date>> {
    if (!materialIds.length) return new Map();
    return this.repo.completionTimes(memberId, [...new Set(materialIds)]);
  }

  /** Of `memberIds`, those who completed every one of `materialIds` by `by`. */
  async completedAll(materialIds: string[], memberIds: string[], by: Date): Promise<string[]> {
    if (!materialIds.length || !memberIds.length) return [];
    return this.repo.completedAllBy(materialIds, memberIds, by);
  }
}
