// The floor of any HTTP check-in on this machine: node:http and bare mysql2, no framework, no
// auth, no validation — it reads the JSON body and makes the ceiling's writes in one transaction.
// Started by checkin-bench.ts as a separate process, like the real server: BARE_PORT, BARE_DB_URL.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { createPool } from 'mysql2/promise';

const pool = createPool({ uri: process.env.BARE_DB_URL, connectionLimit: Number(process.env.BARE_POOL || 64) });
const id = () => Date.now().toString(36) + randomBytes(7).toString('hex').slice(0, 12);
const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const periods = [day.slice(0, 4), `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`, day.slice(0, 7)];

async function checkIn(activity, memberId) {
  const c = await pool.getConnection();
  try {
    await c.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await c.beginTransaction();
    await c.query('INSERT INTO checkins (id, activityId, memberId, method, checkedInAt, flagged) VALUES (?, ?, ?, ?, ?, 0)', [
      id(),
      activity,
      memberId,
      'qr',
      new Date(),
    ]);
    await c.query(
      'INSERT INTO points_rule_usage (memberId, ruleCode, periodKey, used) VALUES (?, ?, ?, 0), (?, ?, ?, 0) ON DUPLICATE KEY UPDATE used = used + VALUES(used)',
      [memberId, 'meeting_fixed_day', `D${day}`, memberId, 'meeting_fixed_day', `Y${day.slice(0, 4)}`],
    );
    await c.query(
      'INSERT INTO points_entries (id, memberId, ruleCode, delta, reason, sourceType, sourceId, idempotencyKey, effectiveDate, createdAt) VALUES (?, ?, ?, 2, ?, ?, ?, ?, ?, ?)',
      [id(), memberId, 'meeting_fixed_day', '参加主题党日', 'activity', activity, `bare:${activity}:${memberId}`, day, new Date()],
    );
    await c.query('UPDATE points_rule_usage SET used = used + 2 WHERE memberId = ? AND ruleCode = ? AND periodKey IN (?, ?)', [
      memberId,
      'meeting_fixed_day',
      `D${day}`,
      `Y${day.slice(0, 4)}`,
    ]);
    await c.query(
      'INSERT INTO points_balances (memberId, period, points) VALUES (?, ?, 2), (?, ?, 2), (?, ?, 2) ON DUPLICATE KEY UPDATE points = points + VALUES(points)',
      periods.flatMap((p) => [memberId, p]),
    );
    await c.commit();
  } catch (e) {
    await c.rollback().catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

http
  .createServer((req, res) => {
    if (req.method !== 'POST') {
      res.end('ok');
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString());
      checkIn(body.activityId, body.memberId).then(
        () => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: true }));
        },
        (e) => {
          res.writeHead(500);
          res.end(String(e));
        },
      );
    });
  })
  .listen(Number(process.env.BARE_PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
