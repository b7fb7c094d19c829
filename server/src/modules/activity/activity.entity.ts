import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ActivityKind, ActivityStatus, StudyMode } from '@djzy/shared';

/** An activity of an org: announced (published), checked into, recorded. */
@Entity('activities')
@Index('idx_activities_org_start', ['orgId', 'startsAt'])
@Index('idx_activities_start', ['startsAt'])
export class Activity {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ActivityKind;

  @Column({ type: 'varchar', length: 24 })
  orgId: string;

  @Column({ type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  endsAt: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  locationName: string | null;

  @Column({ type: 'double', nullable: true })
  lat: number | null;

  @Column({ type: 'double', nullable: true })
  lng: number | null;

  @Column({ type: 'int', nullable: true })
  radiusM: number | null;

  /** Comma-separated check-in modes: `qr`, `geo`, `qr,geo`. */
  @Column({ type: 'varchar', length: 16 })
  checkinModes: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  studyMode: StudyMode | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  lecturer: string | null;

  /** A Party lecture's topic. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  topic: string | null;

  @Column({ type: 'boolean', default: false })
  allowRemote: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: ActivityStatus;

  @Column({ type: 'varchar', length: 24, nullable: true })
  createdBy: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  /** When absences were settled (penalties, follow-up); null while attendance is open. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  attendanceClosedAt: Date | null;
}

/** Online study (网络式): the materials to study; completing all of them is attendance. */
@Entity('activity_materials')
export class ActivityMaterial {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  activityId: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  materialId: string;

  @Column({ type: 'int' })
  position: number;
}

/** Paired study (结对式): each mentee studies with one mentor in an activity. */
@Entity('activity_study_pairs')
export class ActivityStudyPair {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  activityId: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  menteeId: string;

  @Column({ type: 'varchar', length: 24 })
  mentorId: string;

  @Column({ type: 'int' })
  position: number;
}

/** Members invited beyond the org's subtree. */
@Entity('activity_invitees')
export class ActivityInvitee {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  activityId: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  memberId: string;
}

/** 记实: the minutes of an activity. */
@Entity('activity_records')
export class ActivityRecord {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  activityId: string;

  @Column({ type: 'text' })
  minutes: string;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'varchar', length: 24, nullable: true })
  updatedBy: string | null;
}

/** A photo of an activity, stored through the storage interface. */
@Entity('activity_photos')
@Index('idx_activity_photos_activity', ['activityId'])
export class ActivityPhoto {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  activityId: string;

  @Column({ type: 'varchar', length: 100 })
  storageKey: string;

  @Column({ type: 'varchar', length: 32 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 24, nullable: true })
  createdBy: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
