/** Persistence of the audit log: the audit_logs table, this module's alone. */
import type { EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';

/** Appends one row in the caller's transaction (the log is only ever appended to). */
export async function insertAuditRow(em: EntityManager, row: AuditLog): Promise<void> {
  await em.insert(AuditLog, row);
}
