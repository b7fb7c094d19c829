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
import { PointsEntry, type PointsRule } from './points.entity';
import { PointsLedgerRepository } from './points.repository';

/** The ledger's statements; each takes the caller's transaction. */
const repo = new PointsLedgerRepository();

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
  if (!ruleCacheMs) return repo.rule(em, code);
  const hit = ruleCache.get(code);
  if (hit && hit.until > Date.now()) return hit.rule;
  const rule = await repo.rule(em, code);
  ruleCache.set(code, { rule, until: Date.now() + ruleCacheMs });
  return rule;
}

/** Period keys of a day string YYYY-MM-DD. */
export function periodsOfDate(day: string): string[] {
  const month = Number(day.slice(5, 7));
  return [day.slice(0, 4), `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`, day.slice(0, 7)];
}

async function addToBalances(em: EntityManager, memberId: string, day: string, delta: number) {
  if (!delta) return;
  await repo.addToBalances(
    em,
    periodsOfDate(day).map((p) => ({ keys: [memberId, p], amount: delta })),
  );
}

/**
 * A rule-based award. Must run inside `transactionWithRetry` (READ COMMITTED on MySQL), so the
 * reads after the lock below see what the transaction that held it committed.
 */
export async function award(em: EntityManager, input: AwardInput): Promise<AwardResult> {
  return (await awardMany(em, [input]))[0];
}

/** Sums amounts per key and sorts by key, so concurrent batches lock rows in the same order. */
function mergeRows(rows: { keys: string[]; amount: number }[]) {
  const byKey = new Map<string, { keys: string[]; amount: number }>();
  for (const r of rows) {
    const k = r.keys.join('\u0000');
    const hit = byKey.get(k);
    if (hit) hit.amount += r.amount;
    else byKey.set(k, { keys: r.keys, amount: r.amount });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/**
 * Several rule-based awards in one go (a check-in burst writes them in batches), in a fixed
 * number of statements whatever their count; the answers are in the order of the inputs, each
 * exactly as `award` alone would give it, the earlier ones counting against the caps first.
 */
export async function awardMany(em: EntityManager, inputs: AwardInput[]): Promise<AwardResult[]> {
  if (!inputs.length) return [];
  const items = inputs.map((input) => {
    const day = toLocalDate(input.at);
    return { input, day, dayKey: `D${day}`, yearKey: `Y${periodKeysOf(input.at).year}` };
  });
  // The rules first (cached in the server): they decide how much each award adds to its cap rows.
  const rules = new Map<string, PointsRule | null>();
  for (const code of new Set(items.map((it) => it.input.ruleCode))) rules.set(code, await ruleOf(em, code));
  const live = (r: PointsRule | null | undefined): r is PointsRule => !!r && r.enabled && r.points !== 0;
  // Lock these members' usage of these rules first: concurrent awards for the same member and
  // rule queue here, so neither the idempotency check nor the caps can be raced past. The upsert
  // creates the rows when absent and takes exclusive locks at once (an INSERT IGNORE then
  // SELECT … FOR UPDATE would take shared locks first and deadlock under a burst). It adds each
  // award's full points at once (optimistically: one statement locks and counts); an award the
  // caps cut or a key already used gives the difference back below, which is rare.
  const usageRows = mergeRows(
    items.flatMap((it) => {
      const rule = rules.get(it.input.ruleCode);
      const amount = live(rule) ? Math.abs(rule.points) : 0;
      return [
        { keys: [it.input.memberId, it.input.ruleCode, it.dayKey], amount },
        { keys: [it.input.memberId, it.input.ruleCode, it.yearKey], amount },
      ];
    }),
  );
  await repo.addUsage(em, usageRows);
  const memberIds = [...new Set(items.map((it) => it.input.memberId))];
  const ruleCodes = [...new Set(items.map((it) => it.input.ruleCode))];
  const periodKeys = [...new Set(items.flatMap((it) => [it.dayKey, it.yearKey]))];
  const usage = await repo.usageOf(em, memberIds, ruleCodes, periodKeys);
  // What was used before this batch: the stored figure less what the upsert above just added.
  const added = new Map(usageRows.map((r) => [r.keys.join('|'), r.amount]));
  const used = new Map(
    usage.map((u) => [
      `${u.memberId}|${u.ruleCode}|${u.periodKey}`,
      Number(u.used) - (added.get(`${u.memberId}|${u.ruleCode}|${u.periodKey}`) ?? 0),
    ]),
  );
  const keysToLook = items.filter((it) => !it.input.fresh).map((it) => it.input.key);
  const earlier = await repo.entriesByKeys(em, keysToLook);
  const existingByKey = new Map(earlier.map((e) => [e.idempotencyKey, e]));

  const results: AwardResult[] = [];
  const entries: PointsEntry[] = [];
  const balanceAdds: { keys: string[]; amount: number }[] = [];
  for (const it of items) {
    const { input } = it;
    const existing = existingByKey.get(input.key);
    if (existing) {
      results.push({ entry: existing, awarded: 0, duplicate: true });
      continue;
    }
    const rule = rules.get(input.ruleCode);
    if (!live(rule)) {
      results.push({ entry: null, awarded: 0, duplicate: false });
      continue;
    }
    const dKey = `${input.memberId}|${rule.code}|${it.dayKey}`;
    const yKey = `${input.memberId}|${rule.code}|${it.yearKey}`;
    let magnitude = Math.abs(rule.points);
    if (rule.dailyCap != null) magnitude = Math.min(magnitude, rule.dailyCap - (used.get(dKey) ?? 0));
    if (rule.yearlyCap != null) magnitude = Math.min(magnitude, rule.yearlyCap - (used.get(yKey) ?? 0));
    if (magnitude <= 0) {
      results.push({ entry: null, awarded: 0, duplicate: false });
      continue;
    }
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
      effectiveDate: it.day,
      createdBy: input.actorId ?? null,
      createdAt: new Date(),
    });
    entries.push(entry);
    // Later inputs of this batch see this award's use of the caps, and its key.
    used.set(dKey, (used.get(dKey) ?? 0) + magnitude);
    used.set(yKey, (used.get(yKey) ?? 0) + magnitude);
    existingByKey.set(input.key, entry);
    balanceAdds.push(...periodsOfDate(it.day).map((period) => ({ keys: [input.memberId, period], amount: delta })));
    results.push({ entry, awarded: delta, duplicate: false });
  }
  // Give back what the optimistic upsert added beyond what was awarded (capped, duplicates).
  const stored = new Map(usage.map((u) => [`${u.memberId}|${u.ruleCode}|${u.periodKey}`, Number(u.used)]));
  const giveBack: { keys: string[]; amount: number }[] = [];
  for (const r of usageRows) {
    const k = r.keys.join('|');
    const over = (stored.get(k) ?? 0) - (used.get(k) ?? 0);
    if (over > 0) giveBack.push({ keys: r.keys, amount: -over });
  }
  if (giveBack.length) await repo.addUsage(em, giveBack);
  if (entries.length) {
    await repo.insertEntries(em, entries);
    await repo.addToBalances(em, mergeRows(balanceAdds));
  }
  return results;
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
  const existing = await repo.entryByKey(em, input.key);
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
  await repo.insertEntry(em, entry);
  await addToBalances(em, input.memberId, input.effectiveDate, input.delta);
  return { entry, duplicate: false };
}

/** Gives back the cap room a reversed award had used. */
export async function releaseUsage(em: EntityManager, original: PointsEntry): Promise<void> {
  const year = original.effectiveDate.slice(0, 4);
  await repo.releaseUsage(em, original.memberId, original.ruleCode, Math.abs(original.delta), `D${original.effectiveDate}`, `Y${year}`);
}
