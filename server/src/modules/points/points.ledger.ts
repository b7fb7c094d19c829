/**
 * The ledger's two write primitives, used by every capability that awards points (check-in,
 * study, contacts) inside its own transaction:
 * - `award`: a rule-based award, idempotent by key, within the rule's daily and yearly caps;
 * - `append`: an explicit entry (admin adjustment, reversal), idempotent by key, no caps.
 * Both update the balances in the same transaction, so a summary can never drift from the ledger.
 */
import type { EntityManager } from 'typeorm';
import { periodKeysOf, toLocalDate } from '@djzy/shared';
import { newId } from '../../core/ids';
import { upsertAdd } from '../../core/sql';
import { PointsEntry, PointsRule } from './points.entity';

export interface AwardInput {
  memberId: string;
  ruleCode: string;
  sourceType: string;
  sourceId: string | null;
  /** Unique per award, e.g. `checkin:<activityId>:<memberId>`. */
  key: string;
  /** Shown to the member; defaults to the rule's name. */
  reason?: string;
  /** When it happened (decides the day and the periods). */
  at: Date;
  actorId?: string | null;
  /**
   * The caller has just created the unique source of this award in the same transaction (a
   * check-in row), so no entry can exist under the key yet: skip looking for one.
   */
  fresh?: boolean;
}

export interface AwardResult {
  entry: PointsEntry | null;
  /** Points added by this call: 0 when the key was already used, the rule is off or capped. */
  awarded: number;
  /** True when the key had been used before (the first entry is returned). */
  duplicate: boolean;
}

let ruleCacheMs = 0;
const ruleCache = new Map<string, { rule: PointsRule | null; until: number }>();

/**
 * Keep rules for a few seconds per process (the server sets this; tests leave it at 0): a burst
 * of awards then does not read the same rule a thousand times. A change through the rules editor
 * drops the cache at once; other processes see it within the same few seconds.
 */
export function setRuleCacheMs(ms: number) {
  ruleCacheMs = ms;
  ruleCache.clear();
}
export function forgetRule(code: string) {
  ruleCache.delete(code);
}
async function ruleOf(em: EntityManager, code: string): Promise<PointsRule | null> {
  if (!ruleCacheMs) return em.getRepository(PointsRule).findOneBy({ code });
  const hit = ruleCache.get(code);
  if (hit && hit.until > Date.now()) return hit.rule;
  const rule = await em.getRepository(PointsRule).findOneBy({ code });
  ruleCache.set(code, { rule, until: Date.now() + ruleCacheMs });
  return rule;
}

/** Period keys of a day string YYYY-MM-DD. */
export function periodsOfDate(day: string): string[] {
  const month = Number(day.slice(5, 7));
  return [day.slice(0, 4), `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`, day.slice(0, 7)];
}

function findByKey(em: EntityManager, key: string): Promise<PointsEntry | null> {
  return em.getRepository(PointsEntry).findOneBy({ idempotencyKey: key });
}

async function addToBalances(em: EntityManager, memberId: string, day: string, delta: number) {
  if (!delta) return;
  await upsertAdd(
    em,
    'points_balances',
    ['memberId', 'period'],
    'points',
    periodsOfDate(day).map((p) => ({ keys: [memberId, p], amount: delta })),
  );
}

/**
 * A rule-based award. Must run inside `transactionWithRetry` (READ COMMITTED on MySQL), so the
 * reads after the lock below see what the transaction that held it committed.
 */
export async function award(em: EntityManager, input: AwardInput): Promise<AwardResult> {
  const rule = await ruleOf(em, input.ruleCode);
  const day = toLocalDate(input.at);
  const year = periodKeysOf(input.at).year;
  const dayKey = `D${day}`;
  const yearKey = `Y${year}`;
  // Lock this member's usage of this rule first: concurrent awards for the same member and rule
  // queue here, so neither the idempotency check nor the caps can be raced past. The upsert of 0
  // creates the rows when absent and takes exclusive locks at once (an INSERT IGNORE followed by
  // SELECT … FOR UPDATE would take shared locks first and deadlock under a burst).
  await upsertAdd(em, 'points_rule_usage', ['memberId', 'ruleCode', 'periodKey'], 'used', [
    { keys: [input.memberId, input.ruleCode, dayKey], amount: 0 },
    { keys: [input.memberId, input.ruleCode, yearKey], amount: 0 },
  ]);
  const usage: { periodKey: string; used: number }[] = await em.query(
    'SELECT periodKey, used FROM points_rule_usage WHERE memberId = ? AND ruleCode = ? AND periodKey IN (?, ?)',
    [input.memberId, input.ruleCode, dayKey, yearKey],
  );
  const existing = input.fresh ? null : await findByKey(em, input.key);
  if (existing) return { entry: existing, awarded: 0, duplicate: true };
  if (!rule || !rule.enabled || rule.points === 0) return { entry: null, awarded: 0, duplicate: false };

  const usedOf = (k: string) => Number(usage.find((u) => u.periodKey === k)?.used ?? 0);
  let magnitude = Math.abs(rule.points);
  if (rule.dailyCap != null) magnitude = Math.min(magnitude, rule.dailyCap - usedOf(dayKey));
  if (rule.yearlyCap != null) magnitude = Math.min(magnitude, rule.yearlyCap - usedOf(yearKey));
  if (magnitude <= 0) return { entry: null, awarded: 0, duplicate: false };
  const delta = Math.sign(rule.points) * magnitude;

  const entry = em.create(PointsEntry, {
    id: newId(),
    memberId: input.memberId,
    ruleCode: rule.code,
    delta,
    reason: (input.reason ?? rule.name).slice(0, 200),
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    idempotencyKey: input.key,
    reversalOf: null,
    effectiveDate: day,
    createdBy: input.actorId ?? null,
    createdAt: new Date(),
  });
  await em.createQueryBuilder().insert().into(PointsEntry).values(entry).updateEntity(false).execute();
  await em.query(
    `UPDATE points_rule_usage SET used = used + ? WHERE memberId = ? AND ruleCode = ? AND periodKey IN (?, ?)`,
    [magnitude, input.memberId, rule.code, dayKey, yearKey],
  );
  await addToBalances(em, input.memberId, day, delta);
  return { entry, awarded: delta, duplicate: false };
}

export interface AppendInput {
  memberId: string;
  ruleCode: string;
  delta: number;
  reason: string;
  sourceType: string;
  sourceId: string | null;
  key: string;
  effectiveDate: string;
  reversalOf?: string | null;
  actorId: string | null;
}

/** An explicit entry (adjustment or reversal). Must run inside a transaction. */
export async function append(em: EntityManager, input: AppendInput): Promise<{ entry: PointsEntry; duplicate: boolean }> {
  const existing = await findByKey(em, input.key);
  if (existing) return { entry: existing, duplicate: true };
  const entry = em.create(PointsEntry, {
    id: newId(),
    memberId: input.memberId,
    ruleCode: input.ruleCode,
    delta: input.delta,
    reason: input.reason.slice(0, 200),
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    idempotencyKey: input.key,
    reversalOf: input.reversalOf ?? null,
    effectiveDate: input.effectiveDate,
    createdBy: input.actorId,
    createdAt: new Date(),
  });
  await em.insert(PointsEntry, entry);
  await addToBalances(em, input.memberId, input.effectiveDate, input.delta);
  return { entry, duplicate: false };
}

/** Gives back the cap room a reversed award had used. */
export async function releaseUsage(em: EntityManager, original: PointsEntry): Promise<void> {
  const year = original.effectiveDate.slice(0, 4);
  await em.query(
    `UPDATE points_rule_usage SET used = CASE WHEN used >= ? THEN used - ? ELSE 0 END WHERE memberId = ? AND ruleCode = ? AND periodKey IN (?, ?)`,
    [Math.abs(original.delta), Math.abs(original.delta), original.memberId, original.ruleCode, `D${original.effectiveDate}`, `Y${year}`],
  );
}
