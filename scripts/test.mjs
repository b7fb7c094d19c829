// `npm test`: every test, in order — type checks, unit and API tests on SQLite, the same API tests
// on MySQL/MariaDB (mandatory when CI=true), the mini-program's weapp build in
// miniprogram-simulate, and the H5 build and the console in Chromium against the real server.
import { ROOT, reachable, run, step } from './lib.mjs';

const ci = process.env.CI === 'true';
const mysqlUrl = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/';
const results = [];
const t0 = Date.now();

async function phase(name, cmd, args, env) {
  step(name);
  const start = Date.now();
  const code = await run(cmd, args, { env });
  results.push({ name, ok: code === 0, s: ((Date.now() - start) / 1000).toFixed(1) });
  return code === 0;
}

const jest = (projects, extra = []) => ['jest', ...projects.flatMap((p) => ['--selectProjects', p]), '--ci', ...extra];

if (await phase('build shared', 'npm', ['run', 'build', '-w', '@djzy/shared'])) {
  await phase('lint (eslint, every package)', 'npx', ['eslint', '.']);
  await phase('module walls (dependency-cruiser: via index.ts only, no module cycles)', 'npm', ['run', 'lint:walls', '--silent']);
  await phase('typecheck server (src + tests)', 'npx', ['tsc', '-p', 'server/tsconfig.json', '--noEmit']);
  await phase('typecheck cross-package tests (fake WeChat, browser suites)', 'npx', ['tsc', '-p', 'test/tsconfig.json']);
  await phase('build server', 'npm', ['run', 'build', '-w', '@djzy/server']);
}

await phase('unit + API tests on SQLite', 'npx', jest(['shared', 'server']), { TEST_DB: 'sqlite' });

const u = new URL(mysqlUrl);
if (await reachable(u.hostname, Number(u.port || 3306))) {
  await phase('API tests on MySQL/MariaDB', 'npx', jest(['server'], ['--testPathIgnorePatterns', 'src/wechat', 'src/config']), {
    TEST_DB: 'mysql',
    TEST_MYSQL_URL: mysqlUrl,
  });
} else if (ci) {
  console.error(`\nMySQL/MariaDB at ${u.hostname}:${u.port || 3306} is unreachable, and the MySQL run is mandatory when CI=true.`);
  results.push({ name: 'API tests on MySQL/MariaDB', ok: false, s: '0' });
} else {
  console.warn(`\n⚠ MySQL/MariaDB at ${u.hostname}:${u.port || 3306} is unreachable: skipping the MySQL run (mandatory on CI).`);
}

const built =
  (await phase('typecheck console', 'npm', ['run', 'typecheck', '-w', '@djzy/admin'])) &&
  (await phase('build console', 'npm', ['run', 'build', '-w', '@djzy/admin'])) &&
  (await phase('typecheck mini-program', 'npm', ['run', 'typecheck', '-w', '@djzy/miniapp'])) &&
  (await phase('build mini-program (weapp)', 'npm', ['run', 'build:weapp', '-w', '@djzy/miniapp'])) &&
  // Built from a development environment on purpose: the build must come out as production
  // whatever the caller's NODE_ENV (a development build is a blank page: $RefreshReg$), and the
  // H5 suites below are the proof.
  (await phase('build mini-program (h5)', 'npm', ['run', 'build:h5', '-w', '@djzy/miniapp'], { NODE_ENV: 'development' }));
if (built) {
  await phase('mini-program in miniprogram-simulate', 'npx', jest(['miniapp']));
  await phase('H5 and console in Chromium against the server', 'npx', jest(['e2e'], ['--runInBand']));
}

console.log('\n── summary ──');
for (const r of results) console.log(`${r.ok ? '✔' : '✘'} ${r.name} (${r.s} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${((Date.now() - t0) / 1000).toFixed(0)} s in all (${ROOT})`);
console.log(`phases: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
