/**
 * One jest setup, four projects: `shared` and `server` (unit + API through the real Koa app on a
 * real database), `miniapp` (the built weapp output in miniprogram-simulate) and `e2e` (H5 build
 * and console in Chromium against the real server). scripts/test.mjs runs them in order.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2021',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@djzy/shared$': '<rootDir>/shared/src/index.ts',
    // shared/ imports its siblings as './x.js' (ESM); jest resolves the .ts source.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  rootDir: __dirname,
};

module.exports = {
  // MySQL on a 2-core CI machine, several suites at once: give slow moments room. (Jest reads
  // testTimeout only here, not inside a project, where it was silently ignored.)
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'shared', testEnvironment: 'node', testMatch: ['<rootDir>/shared/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/server/src/**/*.spec.ts', '<rootDir>/server/test/**/*.spec.ts'],
      setupFiles: ['reflect-metadata'],
    },
    {
      ...common,
      displayName: 'miniapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/miniapp/test/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
      // One Chromium and one server (on a once-seeded demo county) for the whole run: see
      // test/support/global-setup.ts and test/support/suite.ts.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
