/**
 * Warm-up before the server takes its first request (issue #19): the first check-in burst after
 * a start must not pay for the database pool's connections and for the HTTP path running
 * unoptimised. Opens a few pool connections, then sends the API a few hundred requests it
 * refuses cheaply (an invalid check-in body: body parser, router, input checks, error answer; a
 * forged token: the token check) through a private listener on 127.0.0.1, with request logging
 * silenced. Nothing is written. Costs a few hundred milliseconds at start.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { DataSource } from 'typeorm';
import { API_BASE_PATH } from '@djzy/shared';
import type { Logger } from './logger';

export async function warmUp(app: Koa<never>, ds: DataSource, logger: Logger, requests: number, connections = 4): Promise<void> {
  await Promise.all(Array.from({ length: connections }, () => ds.query('SELECT 1')));
  if (requests <= 0) return;
  const level = logger.level;
  logger.level = 'silent';
  const server = http.createServer(app.callback());
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const send = (i: number) =>
      new Promise<void>((resolve) => {
        const body = JSON.stringify({ activityId: i, token: 0 });
        const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
        if (i % 4 === 0) headers.authorization = 'Bearer warm.up.token';
        const req = http.request({ host: '127.0.0.1', port, path: `${API_BASE_PATH}/checkins`, method: 'POST', agent, headers }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', () => resolve());
        req.end(body);
      });
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < requests) await send(next++);
      }),
    );
    agent.destroy();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    logger.level = level;
  }
}
