/**
 * One set of entities, two dialects: embedded SQLite (better-sqlite3) and MySQL/MariaDB (mysql2).
 * The schema comes from each dialect's own migrations, run at start; `synchronize` is never on.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/**
 * better-sqlite3 gives TypeORM one connection, and TypeORM does not queue transactions on it:
 * two requests' transactions would interleave ("cannot start a transaction within a
 * transaction"), and a write outside a transaction would silently join another request's open
 * one. So on SQLite every transaction waits its turn here, and services make every write inside
 * a transaction (`ds.transaction`). MySQL has a pool and real isolation, and is left alone.
 */
function serializeTransactions(ds: DataSource): DataSource {
  const manager = ds.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let queue: Promise<unknown> = Promise.resolve();
  (manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    const run = queue.then(() => original(...args));
    queue = run.catch(() => undefined);
    return run;
  };
  return ds;
}

/**
 * Every MySQL connection runs READ COMMITTED for its whole session (each read sees what others
 * committed; locking reads take no gap locks, which is what turns a burst of inserts into
 * deadlocks). Set once per connection as the pool opens it, so a transaction costs no extra
 * `SET TRANSACTION` round trip; TiDB runs the same level.
 */
const SESSION_SQL = 'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED';
interface CallbackConnection {
  query(sql: string, cb: (err: Error | null) => void): void;
  release(): void;
}
interface CallbackPool {
  on(event: 'connection', cb: (c: CallbackConnection) => void): void;
  getConnection(cb: (err: Error | null, c: CallbackConnection) => void): void;
}
function readCommittedSessions(ds: DataSource): DataSource {
  const init = ds.initialize.bind(ds);
  ds.initialize = async () => {
    await init();
    const pool = (ds.driver as unknown as { pool?: CallbackPool }).pool;
    if (!pool) return ds;
    // New connections: the SET is queued on the connection before anything it is lent for.
    pool.on('connection', (c) => c.query(SESSION_SQL, () => undefined));
    // The one connection TypeORM opened to check the credentials, idle in the pool now.
    await new Promise<void>((resolve, reject) =>
      pool.getConnection((err, c) => {
        if (err) return reject(err);
        c.query(SESSION_SQL, (e) => {
          c.release();
          if (e) reject(e);
          else resolve();
        });
      }),
    );
    return ds;
  };
  return ds;
}

export function createDataSource(db: DatabaseConfig, opts: { logging?: boolean } = {}): DataSource {
  if (db.type === 'sqlite') {
    if (db.file !== ':memory:') mkdirSync(path.dirname(db.file), { recursive: true });
    return serializeTransactions(
      new DataSource({
        type: 'better-sqlite3',
        database: db.file,
        entities: ENTITIES,
        migrations: SQLITE_MIGRATIONS,
        migrationsTransactionMode: 'each',
        synchronize: false,
        logging: opts.logging ?? false,
        // WAL lets readers go on while a check-in burst writes; busy_timeout queues writers
        // instead of failing them with SQLITE_BUSY.
        prepareDatabase: (conn: { pragma(s: string): unknown }) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('busy_timeout = 5000');
          conn.pragma('foreign_keys = ON');
        },
      }),
    );
  }
  return readCommittedSessions(
    new DataSource({
      type: 'mysql',
      url: db.url,
      entities: ENTITIES,
      migrations: MYSQL_MIGRATIONS,
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: opts.logging ?? false,
      charset: 'utf8mb4_unicode_ci',
      // Dates are stored in UTC; the township's zone is applied when presenting.
      timezone: 'Z',
      extra: { connectionLimit: Number(process.env.DB_POOL_SIZE || 20) },
      supportBigNumbers: true,
      bigNumberStrings: true,
    }),
  );
}

/** True when the data source talks MySQL/MariaDB (some statements differ by dialect). */
export function isMysql(ds: DataSource): boolean {
  return ds.options.type === 'mysql';
}
