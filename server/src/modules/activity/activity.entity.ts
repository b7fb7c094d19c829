import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { ActivityKind, ActivityStatus, AttendeeScope, StudyMode } from '@djzy/shared';

/** An activity of an org: announced (published), checked into, recorded. */
@Entity('activities')
@Index('idx_activities_org_start', ['orgId', 'startsAt'])
@Index('idx_activities_start', ['startsAt'])
export class Activity {
  @IdColumn()
  id: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ActivityKind;

  @RefColumn()
  orgId: string;

  @TimeColumn()
  startsAt: Date;

  @TimeColumn()
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

  /** Whose attendance it expects (its audience): the org, its committee, or only those named. */
  @Column({ type: 'varchar', length: 16, default: 'org' })
  audience: AttendeeScope;

  @Column({ type: 'varchar', length: 16 })
  status: ActivityStatus;

  @RefColumn({ nullable: true })
  createdBy: string | null;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn({ nullable: true })
  publishedAt: Date | null;

  @TimeColumn({ nullable: true })
  cancelledAt: Date | null;

  /** When absences were settled (penalties, follow-up); null while attendance is open. */
  @TimeColumn({ nullable: true })
  attendanceClosedAt: Date | null;
}

/** Online study (网络式): the materials to study; completing all of them is attendance. */
@Entity('activity_materials')
export class ActivityMaterial {
  @IdColumn()
  activityId: string;

  @IdColumn()
  materialId: string;

  @Column({ type: 'int' })
  position: number;
}

/** Paired study (结对式): each mentee studies with one mentor in an activity. */
@Entity('activity_study_pairs')
export class ActivityStudyPair {
  @IdColumn()
  activityId: string;

  @IdColumn()
  menteeId: string;

  @RefColumn()
  mentorId: string;

  @Column({ type: 'int' })
  position: number;
}

/** People named on an activity beyond its audience: also expected (`extra`) or sitting in (`observer`, 列席). */
@Entity('activity_invitees')
export class ActivityInvitee {
  @IdColumn()
  activityId: string;

  @IdColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 16, default: 'extra' })
  role: InviteeRole;
}
export type InviteeRole = 'extra' | 'observer';

/** 记实: the minutes of an activity. */
@Entity('activity_records')
export class ActivityRecord {
  @IdColumn()
  activityId: string;

  @Column({ type: 'text' })
  minutes: string;

  @TimeColumn()
  updatedAt: Date;

  @RefColumn({ nullable: true })
  updatedBy: string | null;
}

/** A photo of an activity, stored through the storage interface. */
@Entity('activity_photos')
@Index('idx_activity_photos_activity', ['activityId'])
export class ActivityPhoto {
  @IdColumn()
  id: string;

  @RefColumn()
  activityId: string;

  @Column({ type: 'varchar', length: 100 })
  storageKey: string;

  @Column({ type: 'varchar', length: 32 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @RefColumn({ nullable: true })
  createdBy: string | null;

  @TimeColumn()
  createdAt: Date;
}
