import { ERRORS } from './errors';
import { GRANT_END_REASON_LABELS, POST_ROLES, RECORD_IMPORT_COLUMNS, SINGLE_HOLDER_ROLES, householdKey } from './records';

describe('records', () => {
  it('keys a household by its text without any whitespace, within the column’s length', () => {
    expect(householdKey(' 张家湾组  张*明户 ')).toBe('张家湾组张*明户');
    expect(householdKey('张家湾组\t张*明户')).toBe(householdKey('张家湾组张*明户'));
    expect(householdKey('   ')).toBe('');
    expect(householdKey('户'.repeat(80))).toHaveLength(50);
  });

  it('labels the end reasons in Chinese and keeps the single-holder posts among the posts', () => {
    expect(GRANT_END_REASON_LABELS).toEqual({ replaced: '调整', resigned: '辞职', other: '其他' });
    for (const r of SINGLE_HOLDER_ROLES) expect(POST_ROLES).toContain(r);
    expect(ERRORS.POST_ALREADY_FILLED.status).toBe(409);
    expect(ERRORS.IMPORT_ROWS_INVALID.status).toBe(400);
  });

  it('has unique headers in every import sheet', () => {
    for (const cols of Object.values(RECORD_IMPORT_COLUMNS)) expect(new Set(cols.map((c) => c.header)).size).toBe(cols.length);
  });
});
