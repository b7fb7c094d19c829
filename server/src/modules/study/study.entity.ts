import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { MaterialKind, NoteStatus, QuizMode, StudyUploadKind } from '@djzy/shared';

/** A material of the learning kit (党员小书包), for the members of an org's subtree. */
@Entity('study_materials')
@Index('idx_study_materials_org', ['orgId', 'status'])
export class StudyMaterial {
  @IdColumn()
  id: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  kind: MaterialKind;

  @Column({ type: 'varchar', length: 300, nullable: true })
  summary: string | null;

  /** Comma-separated, with leading and trailing commas so `LIKE '%,tag,%'` finds one. */
  @Column({ type: 'varchar', length: 300, default: '' })
  tags: string;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  url: string | null;

  /** An uploaded file (video or PDF) instead of an external `url`. */
  @RefColumn({ nullable: true })
  fileId: string | null;

  @RefColumn()
  orgId: string;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: 'draft' | 'published';

  @Column({ type: 'int', default: 0 })
  minSeconds: number;

  @Column({ type: 'varchar', length: 16, default: 'none' })
  quizMode: QuizMode;

  /** JSON `[{ id, text, options, answer }]`; answers never leave the server. */
  @Column({ type: 'text', nullable: true })
  quiz: string | null;

  @RefColumn({ nullable: true })
  createdBy: string | null;

  @TimeColumn()
  createdAt: Date;
}

/** A reading session: time counts only as the server sees heartbeats arrive, each gap capped. */
@Entity('study_sessions')
@Index('idx_study_sessions_member', ['memberId', 'materialId'])
export class StudySession {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  @RefColumn()
  materialId: string;

  @TimeColumn()
  startedAt: Date;

  @TimeColumn()
  lastBeatAt: Date;

  @Column({ type: 'int', default: 0 })
  secondsCounted: number;

  @TimeColumn({ nullable: true })
  finishedAt: Date | null;
}

/** A material studied: once per member and material. */
@Entity('study_completions')
export class StudyCompletion {
  @IdColumn()
  memberId: string;

  @IdColumn()
  materialId: string;

  @RefColumn()
  sessionId: string;

  @TimeColumn()
  completedAt: Date;
}

/** 学习心得: published only after WeChat's content check passes (or a secretary approves). */
@Entity('study_notes')
@Index('idx_study_notes_member', ['memberId', 'createdAt'])
@Index('idx_study_notes_status', ['status', 'createdAt'])
export class StudyNote {
  @IdColumn()
  id: string;

  @RefColumn()
  memberId: string;

  /** The member's branch when written (who may read it, who reviews it). */
  @RefColumn()
  orgId: string;

  @RefColumn({ nullable: true })
  materialId: string | null;

  @RefColumn({ nullable: true })
  activityId: string | null;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 16 })
  status: NoteStatus;

  /** What WeChat's check said (`pass`, `review`, `risky`, or `unchecked` when it could not be asked). */
  @Column({ type: 'varchar', length: 16 })
  checkResult: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn({ nullable: true })
  reviewedAt: Date | null;

  @RefColumn({ nullable: true })
  reviewedBy: string | null;
}

/** An uploaded video (MP4) or document (PDF) of the learning kit, kept through the storage interface. */
@Entity('study_files')
export class StudyFile {
  @IdColumn()
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: StudyUploadKind;

  @Column({ type: 'varchar', length: 50 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 200 })
  filename: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @RefColumn({ nullable: true })
  createdBy: string | null;

  @TimeColumn()
  createdAt: Date;
}

/** 学习计划: the materials a branch (or a township, the county) assigns for a period. */
@Entity('study_plans')
@Index('idx_study_plans_org', ['orgId', 'endsOn'])
export class StudyPlan {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** `YYYY-MM-DD` in the township's time, both days included. */
  @Column({ type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ type: 'varchar', length: 10 })
  endsOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @RefColumn({ nullable: true })
  createdBy: string | null;

  @TimeColumn()
  createdAt: Date;
}

@Entity('study_plan_materials')
@Index('idx_study_plan_materials_material', ['materialId'])
export class StudyPlanMaterial {
  @IdColumn()
  planId: string;

  @IdColumn()
  materialId: string;

  @Column({ type: 'int' })
  position: number;
}
