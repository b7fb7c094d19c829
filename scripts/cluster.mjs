// `npm run start:cluster`: several API processes on one port (node:cluster), for a county or a
// province behind one address. The primary prepares the database once (migrations, demo seed),
// then forks WORKERS processes (default: one per CPU) that skip both; a worker that dies is
// replaced. With more than one worker, REDIS_URL must point at the Redis they share (rate
// limits, sign-in lockouts, cache invalidation). SIGTERM/SIGINT stop every worker gracefully.
//
//   npm run build && REDIS_URL=redis://127.0.0.1:6379 WORKERS=2 npm run start:cluster
import cluster from 'node:cluster';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = path.join(ROOT, 'server/dist/main.js');
const PREPARE = path.join(ROOT, 'server/dist/cli/prepare.js');
const workers = Math.max(1, Number(process.env.WORKERS || os.availableParallelism()));

if (!existsSync(MAIN)) {
  console.error('请先构建：npm run build（server/dist/main.js 不存在）');
  process.exit(1);
}
if (workers > 1 && !process.env.REDIS_URL) {
  console.error('多个 API 进程需要共享的 Redis：请设置 REDIS_URL（例如 redis://127.0.0.1:6379），或设 WORKERS=1');
  process.exit(1);
}

const prepared = spawnSync(process.execPath, [PREPARE], { stdio: 'inherit', env: process.env });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

cluster.setupPrimary({ exec: MAIN });
let stopping = false;
const fork = () => cluster.fork({ ...process.env, DJZY_PREPARED: '1' });
for (let i = 0; i < workers; i++) fork();
cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
    return;
  }
  console.error(`API 进程 ${worker.process.pid} 退出（${signal ?? code}），正在重启`);
  fork();
});
const stop = () => {
  stopping = true;
  for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
const port = process.env.PORT || 3000;
console.log(`\n  党建智慧云 集群 / cluster: ${workers} 个 API 进程，端口 ${port}（控制台 http://127.0.0.1:${port}/console/）\n`);
