import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { DeedSource, DeedStatus, LiaisonKind, LiaisonScope, ServiceRequestChannel, ServiceRequestStatus } from '@djzy/shared';

/**
 * 为群众办实事: one practical thing done for villagers, tracked to done and a 回访. The yearly
 * report counts it with plain SQL (figure 30: `doneAt` in the year, `confirmed` beside it), so
 * the column names are part of the contract.
 */
@Entity('public_deeds')
@Index('idx_public_deeds_org', ['orgId', 'createdAt'])
@Index('idx_public_deeds_responsible', ['responsibleMemberId'])
@Index('idx_public_deeds_done', ['doneAt'])
@Index('uq_public_deeds_source_key', ['sourceKey'], { unique: true })
export class PublicDeed {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 50 })
  category: string;

  /** The person or household served, masked (张*明). */
  @Column({ type: 'varchar', length: 50 })
  requester: string;

  @Column({ type: 'varchar', length: 16 })
  source: DeedSource;

  /** The liaison contact, service request or feedback it came from. */
  @RefColumn({ nullable: true })
  sourceRef: string | null;

  /**
   * `feedback:<id>`, `service_request:<id>`, `liaison:<contactId>:<need>`: the unique index lets
   * one record become a deed once, however many ask at the same time. Null for a planned deed.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceKey: string | null;

  @RefColumn()
  responsibleMemberId: string;

  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  promisedBy: string;

  @Column({ type: 'varchar', length: 16 })
  status: DeedStatus;

  @Column({ type: 'text', nullable: true })
  result: string | null;

  @TimeColumn({ nullable: true })
  doneAt: Date | null;

  /** Confirmed by a 回访, or declined. */
  @TimeColumn({ nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declineReason: string | null;

  @TimeColumn({ nullable: true })
  followUpAt: Date | null;

  @RefColumn({ nullable: true })
  followUpBy: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  followUpByName: string | null;

  @Column({ type: 'boolean', nullable: true })
  followUpSatisfied: boolean | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  followUpNote: string | null;

  @RefColumn()
  createdBy: string;

  @Column({ type: 'varchar', length: 50 })
  createdByName: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}

/** 便民服务: a villager's matter registered at the service hall's desk or from a liaison contact. */
@Entity('service_requests')
@Index('idx_service_requests_org', ['orgId', 'receivedOn'])
@Index('uq_service_requests_source_key', ['sourceKey'], { unique: true })
export class ServiceRequest {
  @IdColumn()
  id: string;

  @RefColumn()
  orgId: string;

  @Column({ type: 'varchar', length: 50 })
  requester: string;

  /** Encrypted (FieldCipher), like a member's phone. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  contactEnc: string | null;

  @Column({ type: 'text' })
  matter: string;

  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  receivedOn: string;

  @Column({ type: 'varchar', length: 16 })
  channel: ServiceRequestChannel;

  @Column({ type: 'varchar', length: 16 })
  status: ServiceRequestStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  handledNote: string | null;

  @RefColumn({ nullable: true })
  deedId: string | null;

  @RefColumn({ nullable: true })
  liaisonContactId: string | null;

  /** `liaison:<contactId>:<need>` for one raised from a contact (once). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceKey: string | null;

  @RefColumn()
  createdBy: string;

  @Column({ type: 'varchar', length: 50 })
  createdByName: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}

/** 联村 / 联片 / 联户: a member's standing link to a village, an area or 5–10 households. */
@Entity('liaisons')
@Index('idx_liaisons_org', ['orgId'])
@Index('idx_liaisons_member', ['memberId'])
export class Liaison {
  @IdColumn()
  id: string;

  /** The township or branch whose admins keep the link. */
  @RefColumn()
  orgId: string;

  @RefColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: LiaisonKind;

  @Column({ type: 'varchar', length: 16 })
  scope: LiaisonScope;

  @RefColumn({ nullable: true })
  targetOrgId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  areaName: string | null;

  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  fromDay: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  toDay: string | null;

  /** An optional reminder setting; never a score. */
  @Column({ type: 'int', nullable: true })
  contactIntervalDays: number | null;

  /** The latest contact's day (kept with each logged contact), for the reminder. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  lastContactOn: string | null;

  @RefColumn()
  createdBy: string;

  @TimeColumn()
  createdAt: Date;

  @TimeColumn()
  updatedAt: Date;
}

@Entity('liaison_households')
@Index('idx_liaison_households_liaison', ['liaisonId', 'position'])
export class LiaisonHousehold {
  @IdColumn()
  id: string;

  @RefColumn()
  liaisonId: string;

  @Column({ type: 'int' })
  position: number;

  /** As typed (a household head, often masked by the branch). */
  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;
}

/** One visit or call of a linked member; its needs may become deeds or service requests. */
@Entity('liaison_contacts')
@Index('idx_liaison_contacts_liaison', ['liaisonId', 'onDay'])
@Index('idx_liaison_contacts_member', ['memberId', 'onDay'])
@Index('uq_liaison_contacts_client_key', ['clientKey'], { unique: true })
export class LiaisonContact {
  @IdColumn()
  id: string;

  @RefColumn()
  liaisonId: string;

  /** The linked member (who the contact counts for). */
  @RefColumn()
  memberId: string;

  /** Who wrote it down (member or user id). */
  @RefColumn()
  loggedBy: string;

  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  onDay: string;

  @RefColumn({ nullable: true })
  householdId: string | null;

  @Column({ type: 'text' })
  what: string;

  /** JSON: `[{ text, deedId, serviceRequestId }]`. */
  @Column({ type: 'text', nullable: true })
  needs: string | null;

  /** `<loggedBy>:<Idempotency-Key>` when the client sent one, so a retried log is not doubled. */
  @Column({ type: 'varchar', length: 140, nullable: true })
  clientKey: string | null;

  @TimeColumn()
  createdAt: Date;
}
