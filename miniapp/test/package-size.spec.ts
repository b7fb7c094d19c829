/**
 * WeChat's limits on the built mini-program: the main package (everything outside the
 * subpackages' roots) and each subpackage at most 2 MB. The pages opened from 我的 a few times a
 * month live in the `sub` subpackage; the tabs and every page a scanned code opens (签到, 测评票)
 * stay in the main package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DIST, boot } from './harness';

const CAP = 2 * 1024 * 1024;

function bytes(dir: string, skip: Set<string> = new Set()): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip.has(full)) continue;
    total += entry.isDirectory() ? bytes(full, skip) : fs.statSync(full).size;
  }
  return total;
}

describe('package sizes (weapp build)', () => {
  beforeAll(() => boot());

  test('the main package and each subpackage stay under 2 MB; scanned pages stay in the main package', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages?: { root: string; pages: string[] }[];
      subpackages?: { root: string; pages: string[] }[];
    };
    const subs = app.subPackages ?? app.subpackages ?? [];
    expect(subs.map((s) => s.root)).toEqual(['sub']);
    expect(subs[0].pages).toEqual(expect.arrayContaining(['dues/index', 'member-year/index', 'org-life/index']));
    for (const scanned of ['pages/checkin-scan/index', 'pages/ballot/index', 'pages/appraisal-ballot/index', 'pages/index/index'])
      expect(app.pages).toContain(scanned);
    const roots = new Set(subs.map((s) => path.join(DIST, s.root.replace(/\/$/, ''))));
    const main = bytes(DIST, roots);
    expect(main).toBeLessThan(CAP);
    for (const root of roots) expect(bytes(root)).toBeLessThan(CAP);
    // The subpackage really holds its pages (not an empty folder with everything in the main package).
    expect(bytes([...roots][0])).toBeGreaterThan(20_000);
  });
});
