/**
 * Every text box of the mini-program takes its length limit from the shared LIMITS (the numbers
 * the server's DTOs validate with), never a bare number: read from the source, as written.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx$/.test(e.name) ? [p] : [];
  });
}

const maxlengths = sources(SRC).flatMap((file) =>
  Array.from(fs.readFileSync(file, 'utf8').matchAll(/maxlength=\{([^}]+)\}/g), (m) => ({ file: path.relative(SRC, file), value: m[1] })),
);

test('the forms set maxlength', () => {
  expect(maxlengths.length).toBeGreaterThanOrEqual(8);
});

test.each(maxlengths.map((m) => [m.file, m.value]))('%s: maxlength={%s} is a named limit', (_file, value) => {
  expect(value).not.toMatch(/^\s*\d+\s*$/);
});

test.each([
  ['components/NoteForm.tsx', 'LIMITS.noteMax'],
  ['pages/activity-detail/index.tsx', 'LIMITS.leaveReason'],
  ['pages/bind/index.tsx', 'LIMITS.personName'],
  ['pages/mobile/contact.tsx', 'LIMITS.contactSummary'],
  ['pages/mobile/contact.tsx', 'LIMITS.contactNeeds'],
  ['pages/mobile/index.tsx', 'LIMITS.reportLocation'],
  ['pages/mobile/index.tsx', 'LIMITS.reportNote'],
  ['pages/study/index.tsx', 'LIMITS.search'],
])('%s limits its text with %s', (file, limit) => {
  expect(maxlengths.filter((m) => m.file === file).map((m) => m.value)).toContain(limit);
});
