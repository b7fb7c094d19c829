/**
 * The walls between the server's modules (server/src/modules/<capability>/), checked in `npm test`:
 * a module reaches another only through its index.ts (its public API), never its entities or
 * repository; index.ts files hand out no entity or repository as a value; core/ sits below every
 * module; no module depends on itself through others (folder cycles) and no file cycles.
 * See server/README.md for the map.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-via-index-only',
      severity: 'error',
      comment:
        "Another module is reached only through its index.ts (its public API), never its files — e.g. `from '../member'`, not '../member/member.entity'.",
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'index-exports-no-tables',
      severity: 'error',
      comment: "A module's index.ts exports no entity or repository as a value (types only): its tables stay its own.",
      from: { path: '^server/src/modules/[^/]+/index\\.ts$' },
      to: { path: '\\.(entity|repository)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-below-modules',
      severity: 'error',
      comment: 'core/ holds mechanisms every module uses; it never imports a module.',
      from: { path: '^server/src/core/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment:
        'Modules form layers: org ← member ← auth …; a cycle between modules is refused (invert it with an explicit registration, as study.onCompletion does).',
      scope: 'folder',
      from: { path: '^server/src/modules/[^/]+' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycles',
      severity: 'error',
      comment: 'No file imports itself through others.',
      from: { path: '^server/src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/|\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
  },
};
