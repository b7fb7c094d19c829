/** Writes the audit log. Callers pass ids and counts, never personal data or tokens. */
import type { DataSource, EntityManager } from 'typeorm';
import { insertAuditRow } from './audit.repository';
import { newId } from '../../core/ids';
import type { Principal } from '../../core/principal';

export interface AuditContext {
  ip?: string | null;
  requestId?: string | null;
}

export async function writeAudit(
  em: EntityManager,
  actor: Principal | null,
  action: string,
  target: { type: string; id: string | null } | null,
  details: Record<string, unknown> | null,
  ctx: AuditContext = {},
): Promise<void> {
  await insertAuditRow(em, {
    id: newId(),
    actorKind: actor?.kind ?? 'system',
    actorId: actor?.id ?? null,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    details: details ? JSON.stringify(details) : null,
    ip: ctx.ip ?? null,
    requestId: ctx.requestId ?? null,
    createdAt: new Date(),
  });
}

/** Writes one audit row in its own transaction (every write is in a transaction: see data-source.ts). */
export function auditNow(
  ds: DataSource,
  actor: Principal | null,
  action: string,
  target: { type: string; id: string | null } | null,
  details: Record<string, unknown> | null,
  ctx: AuditContext = {},
): Promise<void> {
  return ds.transaction((em) => writeAudit(em, actor, action, target, details, ctx));
}
