/** Audit log: who did what to which record. Other modules write through these functions only. */
export { writeAudit, auditNow, type AuditContext } from './audit.service';
