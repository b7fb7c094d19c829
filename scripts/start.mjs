// `npm start`: builds what is missing or out of date (shared, server, console, mini-program weapp
// and H5), then runs the server, which migrates and seeds the embedded demo county on first run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, run, stale, step } from './lib.mjs';

const t0 = Date.now();
const builds = [
  {
    name: '共享包 shared',
    out: 'shared/dist/cjs/index.js',
    src: ['shared/src', 'shared/package.json'],
    cmd: ['npm', ['run', 'build', '-w', '@djzy/shared']],
  },
  {
    name: '服务端 server',
    out: 'server/dist/main.js',
    src: ['server/src', 'shared/src'],
    cmd: ['npm', ['run', 'build', '-w', '@djzy/server']],
  },
  {
    name: '控制台 console',
    out: 'admin/dist/index.html',
    src: ['admin/src', 'admin/index.html', 'admin/vite.config.ts', 'shared/src'],
    cmd: ['npm', ['run', 'build', '-w', '@djzy/admin']],
  },
  {
    name: '小程序 weapp',
    out: 'miniapp/dist/weapp/app.js',
    src: ['miniapp/src', 'miniapp/config', 'shared/src'],
    cmd: ['npm', ['run', 'build:weapp', '-w', '@djzy/miniapp']],
  },
  {
    name: '小程序 H5',
    out: 'miniapp/dist/h5/index.html',
    src: ['miniapp/src', 'miniapp/config', 'shared/src'],
    cmd: ['npm', ['run', 'build:h5', '-w', '@djzy/miniapp']],
  },
];

for (const b of builds) {
  if (!stale(b.out, b.src)) continue;
  step(`构建 ${b.name}`);
  const code = await run(...b.cmd);
  if (code !== 0) {
    console.error(`构建失败：${b.name}（退出码 ${code}）`);
    process.exit(code);
  }
}
console.log(`\n构建完成，用时 ${((Date.now() - t0) / 1000).toFixed(1)} s；启动服务…`);

const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], { cwd: ROOT, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
