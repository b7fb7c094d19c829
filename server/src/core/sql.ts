/**
 * The few statements whose SQL differs between SQLite and MySQL/MariaDB (and TiDB): locking
 * reads, insert-if-absent and add-to-counter upserts. Everything else goes through TypeORM.
 */
import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export function isMysqlManager(em: EntityManager | DataSource): boolean {
  const type = 'connection' in em ? em.connection.options.type : (em as DataSource).options.type;
  return type === 'mysql';
}

/** ` FOR UPDATE` on MySQL; SQLite transactions are serialised, so nothing is needed there. */
export function forUpdate(em: EntityManager): string {
  return isMysqlManager(em) ? ' FOR UPDATE' : '';
}

/**
 * UPDATE … SET `patch` WHERE `criteria`, answering how many rows matched. An empty patch (a PATCH
 * that changes nothing) only checks the criteria: TypeORM refuses an UPDATE without a SET.
 */
export async function updateWhere<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  criteria: FindOptionsWhere<T>,
  patch: QueryDeepPartialEntity<T>,
): Promise<number> {
  if (!Object.values(patch).some((v) => v !== undefined)) return em.count(entity, { where: criteria });
  return (await em.update(entity, criteria, patch)).affected ?? 0;
}

/** Inserts rows unless their primary key exists. */
export async function insertIgnore(em: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const mysql = isMysqlManager(em);
  const q = (c: string) => (mysql ? `\`${c}\`` : `"${c}"`);
  const placeholders = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
  const verb = mysql ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
  await em.query(`${verb} ${q(table)} (${columns.map(q).join(', ')}) VALUES ${placeholders}`, rows.flat());
}

/**
 * Inserts entity rows in one statement, every column given (no defaults read back), the values
 * converted exactly as TypeORM persists them — without building a query per batch, which cost a
 * check-in burst more CPU than the statement itself (issue #19). With `ignore`, rows whose unique
 * keys exist are skipped. Answers how many rows went in when the driver says so (MySQL), else null.
 */
export async function insertEntities<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  opts: { ignore?: boolean } = {},
): Promise<number | null> {
  if (!rows.length) return 0;
  const mysql = isMysqlManager(em);
  const meta = em.connection.getMetadata(entity);
  const q = (c: string) => (mysql ? `\`${c}\`` : `"${c}"`);
  const cols = meta.columns.filter((c) => !c.isVirtual);
  const verb = opts.ignore ? (mysql ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO') : 'INSERT INTO';
  const row = `(${cols.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const r of rows) for (const c of cols) params.push(em.connection.driver.preparePersistentValue(c.getEntityValue(r) ?? null, c));
  const res: unknown = await em.query(
    `${verb} ${q(meta.tableName)} (${cols.map((c) => q(c.databaseName)).join(', ')}) VALUES ${rows.map(() => row).join(', ')}`,
    params,
  );
  const affected = (res as { affectedRows?: unknown } | null)?.affectedRows;
  return typeof affected === 'number' ? affected : null;
}

/**
 * Adds `amount` to a counter column, creating the row when absent: `INSERT … ON DUPLICATE KEY
 * UPDATE` on MySQL (TiDB too), `INSERT … ON CONFLICT DO UPDATE` on SQLite.
 */
export async function upsertAdd(
  em: EntityManager,
  table: string,
  keyColumns: string[],
  counter: string,
  rows: { keys: unknown[]; amount: number }[],
): Promise<void> {
  if (!rows.length) return;
  const mysql = isMysqlManager(em);
  const q = (c: string) => (mysql ? `\`${c}\`` : `"${c}"`);
  const cols = [...keyColumns, counter];
  const placeholders = rows.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ');
  const params = rows.flatMap((r) => [...r.keys, r.amount]);
  const tail = mysql
    ? `ON DUPLICATE KEY UPDATE ${q(counter)} = ${q(counter)} + VALUES(${q(counter)})`
    : `ON CONFLICT(${keyColumns.map(q).join(', ')}) DO UPDATE SET ${q(counter)} = ${q(counter)} + excluded.${q(counter)}`;
  await em.query(`INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES ${placeholders} ${tail}`, params);
}

/** True for MySQL's deadlock and lock-wait errors, which are safe to retry as a whole. */
export function isRetryableLockError(e: unknown): boolean {
  const d = (e as { driverError?: { errno?: number; code?: string } })?.driverError;
  return d?.errno === 1213 || d?.errno === 1205 || d?.code === 'ER_LOCK_DEADLOCK' || d?.code === 'ER_LOCK_WAIT_TIMEOUT';
}

/**
 * A transaction for counters and ledgers: READ COMMITTED on MySQL (each read sees what others
 * committed, and locking reads take no gap locks, which is what turns a burst of inserts into
 * deadlocks), retried a few times when MySQL still picks it as a deadlock victim.
 */
export async function transactionWithRetry<T>(ds: DataSource, fn: (em: EntityManager) => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      // MySQL sessions already run READ COMMITTED (db/data-source.ts): no SET per transaction.
      return await ds.transaction(fn);
    } catch (e) {
      if (i >= attempts || !isRetryableLockError(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
    }
  }
}

/** Inserts entity rows, skipping those whose unique keys already exist (e.g. a dedupe key). */
export async function insertIgnoreRows<T extends object>(em: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  if (!rows.length) return;
  // TypeORM writes INSERT IGNORE on MySQL and INSERT OR IGNORE on SQLite.
  await em
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(rows as never)
    .orIgnore()
    .execute();
}
