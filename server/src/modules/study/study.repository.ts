/**
 * Persistence of the learning kit: materials, uploaded files, reading sessions, completions and
 * reflections — this module's tables alone (plans are in study-plan.repository.ts), plus the
 * roster read models it needs. Services ask these named queries; nothing else touches the tables.
 */
import { Brackets, In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { updateWhere } from '../../core/sql';
import { partyMemberSql, type MemberDirectory } from '../member';
import { joinOrg, whereInSubtrees } from '../org';
import { StudyCompletion, StudyFile, StudyMaterial, StudyNote, StudySession } from './study.entity';

/** Which materials a list shows (who may see what is the service's rule; this is its query). */
export interface MaterialFilter {
  /** Published materials of these orgs (the caller's own org and those above it). */
  publishedOf: string[];
  /** Every material of the orgs under these paths (the subtrees the caller administers). */
  managed: string[];
  /** With `managed`: also the published materials of these orgs (those above the managed ones). */
  publishedAboveManaged: string[];
  /** Title contains (LIKE with `!` as escape, already escaped). */
  titleLike?: string;
  /** Tag (commas and wildcards already removed; may be empty). */
  tag?: string;
  required?: boolean;
  status?: StudyMaterial['status'];
  /** Only published materials of these orgs (what an org may assign). */
  assignableFrom?: string[];
}

/** Which notes a list shows. */
export interface NoteFilter {
  /** The caller's own notes (any status). */
  mine: string | null;
  /** Published notes of the orgs under this path (the caller's branch). */
  publishedUnder: string | null;
  /** Every note of the orgs under these paths (managed subtrees). */
  managed: string[];
  memberId?: string;
  status?: 'published' | 'review' | 'rejected';
}

export class StudyRepository {
  constructor(private readonly ds: DataSource) {}

  // ── materials ────────────────────────────────────────────────────────────────────────────

  async material(id: string): Promise<StudyMaterial | null> {
    return this.ds.getRepository(StudyMaterial).findOneBy({ id });
  }

  async materialOrFail(id: string): Promise<StudyMaterial> {
    return this.ds.getRepository(StudyMaterial).findOneByOrFail({ id });
  }

  /** Id, title and kind of these materials. */
  async materialsBrief(ids: string[]): Promise<Pick<StudyMaterial, 'id' | 'title' | 'kind'>[]> {
    if (!ids.length) return [];
    return this.ds.getRepository(StudyMaterial).find({ where: { id: In(ids) }, select: { id: true, title: true, kind: true } });
  }

  /** Id and title of these materials. */
  async materialTitles(ids: string[]): Promise<Pick<StudyMaterial, 'id' | 'title'>[]> {
    if (!ids.length) return [];
    return this.ds.getRepository(StudyMaterial).find({ where: { id: In(ids) }, select: { id: true, title: true } });
  }

  /** Of these ids, those of published materials of these orgs. */
  async publishedIdsAmong(ids: string[], orgIds: string[]): Promise<string[]> {
    const found = await this.ds
      .getRepository(StudyMaterial)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.id IN (:...ids)', { ids })
      .andWhere("s.status = 'published'")
      .andWhere('s.orgId IN (:...ancestors)', { ancestors: orgIds })
      .getRawMany<{ id: string }>();
    return found.map((f) => f.id);
  }

  /** The published required materials of these orgs, oldest first. */
  async requiredOf(orgIds: string[]): Promise<StudyMaterial[]> {
    return this.ds
      .getRepository(StudyMaterial)
      .createQueryBuilder('s')
      .where('s.orgId IN (:...ancestors)', { ancestors: orgIds })
      .andWhere("s.status = 'published' AND s.required = :t", { t: true })
      .orderBy('s.createdAt', 'ASC')
      .getMany();
  }

  /** A page of materials: required first, then newest. */
  async materialsPage(f: MaterialFilter, page: number, pageSize: number): Promise<{ list: StudyMaterial[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(StudyMaterial).createQueryBuilder('s'), 'org', 'org.id = s.orgId');
    qb.andWhere(
      new Brackets((w) => {
        if (f.publishedOf.length) w.orWhere("(s.orgId IN (:...ancestors) AND s.status = 'published')", { ancestors: f.publishedOf });
        f.managed.forEach((path, i) => w.orWhere(`org.path LIKE :m${i}`, { [`m${i}`]: `${path}%` }));
        if (f.managed.length) w.orWhere("(s.orgId IN (:...up) AND s.status = 'published')", { up: f.publishedAboveManaged });
        if (!f.publishedOf.length && !f.managed.length) w.where('1 = 0');
      }),
    );
    if (f.titleLike) qb.andWhere("s.title LIKE :q ESCAPE '!'", { q: `%${f.titleLike}%` });
    if (f.tag !== undefined) qb.andWhere('s.tags LIKE :tag', { tag: `%,${f.tag},%` });
    if (f.required !== undefined) qb.andWhere('s.required = :req', { req: f.required });
    if (f.status) qb.andWhere('s.status = :st', { st: f.status });
    if (f.assignableFrom) qb.andWhere("s.status = 'published' AND s.orgId IN (:...forAncestors)", { forAncestors: f.assignableFrom });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('s.required', 'DESC')
      .addOrderBy('s.createdAt', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  async insertMaterial(em: EntityManager, m: StudyMaterial): Promise<void> {
    await em.insert(StudyMaterial, m);
  }

  async updateMaterial(em: EntityManager, id: string, patch: Partial<StudyMaterial>): Promise<void> {
    await updateWhere(em, StudyMaterial, { id }, patch);
  }

  // ── files ────────────────────────────────────────────────────────────────────────────────

  async file(id: string): Promise<StudyFile | null> {
    return this.ds.getRepository(StudyFile).findOneBy({ id });
  }

  /** Name, size and type of these files. */
  async filesBrief(ids: string[]): Promise<Pick<StudyFile, 'id' | 'filename' | 'size' | 'contentType'>[]> {
    if (!ids.length) return [];
    return this.ds
      .getRepository(StudyFile)
      .find({ where: { id: In(ids) }, select: { id: true, filename: true, size: true, contentType: true } });
  }

  async insertFile(em: EntityManager, f: StudyFile): Promise<void> {
    await em.insert(StudyFile, f);
  }

  // ── reading sessions ─────────────────────────────────────────────────────────────────────

  async session(id: string): Promise<StudySession | null> {
    return this.ds.getRepository(StudySession).findOneBy({ id });
  }

  async sessionOrFail(id: string): Promise<StudySession> {
    return this.ds.getRepository(StudySession).findOneByOrFail({ id });
  }

  async insertSession(s: StudySession): Promise<void> {
    await this.ds.transaction((em) => em.insert(StudySession, s));
  }

  /**
   * Records a beat: the counted seconds and its time, only if the last beat is still the one
   * seen (two beats racing cannot both add the same gap) and the session open. False otherwise.
   */
  async recordBeat(id: string, lastSeen: Date, secondsCounted: number, at: Date): Promise<boolean> {
    const res = await this.ds.transaction((em) =>
      em
        .createQueryBuilder()
        .update(StudySession)
        .set({ secondsCounted, lastBeatAt: at })
        .where('id = :id AND lastBeatAt = :last AND finishedAt IS NULL', { id, last: lastSeen })
        .execute(),
    );
    return !!res.affected;
  }

  /** Closes an open session; false when it was already finished. */
  async finishSession(em: EntityManager, id: string, secondsCounted: number, at: Date): Promise<boolean> {
    const res = await em.update(StudySession, { id, finishedAt: IsNull() }, { secondsCounted, lastBeatAt: at, finishedAt: at });
    return !!res.affected;
  }

  // ── completions ──────────────────────────────────────────────────────────────────────────

  /** A member's completions of these materials. */
  async completionsOf(memberId: string, materialIds: string[]): Promise<StudyCompletion[]> {
    return this.ds.getRepository(StudyCompletion).findBy({ memberId, materialId: In(materialIds) });
  }

  /** Which of these materials a member completed. */
  async completedMaterialIds(memberId: string, materialIds: string[]): Promise<Set<string>> {
    const done = await this.ds
      .getRepository(StudyCompletion)
      .find({ where: { memberId, materialId: In(materialIds) }, select: { materialId: true } });
    return new Set(done.map((d) => d.materialId));
  }

  /** When a member completed each of these materials (those not completed are left out). */
  async completionTimes(memberId: string, materialIds: string[]): Promise<Map<string, Date>> {
    const rows = await this.ds
      .getRepository(StudyCompletion)
      .find({ where: { memberId, materialId: In(materialIds) }, select: { materialId: true, completedAt: true } });
    return new Map(rows.map((d) => [d.materialId, d.completedAt]));
  }

  async hasCompleted(memberId: string, materialId: string): Promise<boolean> {
    return (await this.ds.getRepository(StudyCompletion).countBy({ memberId, materialId })) > 0;
  }

  /** Whether the completion exists, read inside the transaction. */
  async hasCompletedIn(em: EntityManager, memberId: string, materialId: string): Promise<boolean> {
    return !!(await em.getRepository(StudyCompletion).findOneBy({ memberId, materialId }));
  }

  async insertCompletion(em: EntityManager, c: StudyCompletion): Promise<void> {
    await em.insert(StudyCompletion, c);
  }

  /** A member's completions, newest first. */
  async completionsNewestFirst(memberId: string): Promise<StudyCompletion[]> {
    return this.ds.getRepository(StudyCompletion).find({ where: { memberId }, order: { completedAt: 'DESC' } });
  }

  /** Completions of these materials by these members (none asked: no statement). */
  async completionsOfMembers(materialIds: string[], memberIds: string[]): Promise<StudyCompletion[]> {
    if (!materialIds.length || !memberIds.length) return [];
    return this.ds.getRepository(StudyCompletion).find({ where: { materialId: In(materialIds), memberId: In(memberIds) } });
  }

  /**
   * Which member completed which of these materials, read in slices of 500 members so a
   * township of thousands does not make one huge IN list.
   */
  async completedPairs(materialIds: string[], memberIds: string[]): Promise<{ memberId: string; materialId: string }[]> {
    const done: { memberId: string; materialId: string }[] = [];
    for (let i = 0; i < memberIds.length && materialIds.length; i += 500) {
      const slice = memberIds.slice(i, i + 500);
      done.push(
        ...(await this.ds
          .getRepository(StudyCompletion)
          .find({ where: { materialId: In(materialIds), memberId: In(slice) }, select: { memberId: true, materialId: true } })),
      );
    }
    return done;
  }

  /** Of `memberIds`, those who completed every one of `materialIds` by `by` (in slices of 500). */
  async completedAllBy(materialIds: string[], memberIds: string[], by: Date): Promise<string[]> {
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

  // ── reflections ──────────────────────────────────────────────────────────────────────────

  async note(id: string): Promise<StudyNote | null> {
    return this.ds.getRepository(StudyNote).findOneBy({ id });
  }

  async insertNote(em: EntityManager, note: StudyNote): Promise<void> {
    await em.insert(StudyNote, note);
  }

  /** Decides a note held for review; false when it was no longer held. */
  async decideNote(em: EntityManager, id: string, status: 'published' | 'rejected', at: Date, by: string): Promise<boolean> {
    const res = await em.update(StudyNote, { id, status: 'review' }, { status, reviewedAt: at, reviewedBy: by });
    return !!res.affected;
  }

  /** A page of notes, newest first. */
  async notesPage(f: NoteFilter, page: number, pageSize: number): Promise<{ list: StudyNote[]; total: number }> {
    const qb = joinOrg(this.ds.getRepository(StudyNote).createQueryBuilder('n'), 'org', 'org.id = n.orgId');
    qb.andWhere(
      new Brackets((w) => {
        if (f.mine) w.orWhere('n.memberId = :me', { me: f.mine });
        if (f.publishedUnder) w.orWhere("(org.path LIKE :branch AND n.status = 'published')", { branch: `${f.publishedUnder}%` });
        f.managed.forEach((path, i) => w.orWhere(`org.path LIKE :m${i}`, { [`m${i}`]: `${path}%` }));
        if (!f.mine && !f.publishedUnder && !f.managed.length) w.where('1 = 0');
      }),
    );
    if (f.memberId) qb.andWhere('n.memberId = :who', { who: f.memberId });
    if (f.status) qb.andWhere('n.status = :st', { st: f.status });
    const total = await qb.getCount();
    const list = await qb
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return { list, total };
  }

  // ── the roster (through the member module's read-model query) ───────────────────────────

  /** Members of the subtree under `path`, by name. */
  async membersByName(members: MemberDirectory, path: string): Promise<{ id: string; name: string }[]> {
    const mqb = members.query('m', 'org').select(['m.id AS id', 'm.name AS name']);
    whereInSubtrees(mqb, 'org', [path]).andWhere(...partyMemberSql('m', { partyOnly: false }));
    return mqb.orderBy('m.name', 'ASC').getRawMany<{ id: string; name: string }>();
  }

  /** Members of a subtree with their org's path (which branch they are in). */
  async membersWithPath(members: MemberDirectory, path: string): Promise<{ id: string; path: string }[]> {
    const mqb = members.query('m', 'org').select(['m.id AS id', 'org.path AS path']);
    whereInSubtrees(mqb, 'org', [path]);
    return mqb.getRawMany<{ id: string; path: string }>();
  }

  /** Members of the subtrees with their org's name, by org, then name. */
  async membersByOrg(members: MemberDirectory, paths: string[]): Promise<{ id: string; name: string; orgName: string }[]> {
    const mqb = members.query('m', 'org').select(['m.id AS id', 'm.name AS name', 'org.name AS orgName']);
    whereInSubtrees(mqb, 'org', paths).andWhere(...partyMemberSql('m', { partyOnly: false }));
    return mqb
      .orderBy('org.path', 'ASC')
      .addOrderBy('m.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getRawMany<{ id: string; name: string; orgName: string }>();
  }
}
