/**
 * 导出: the mobile-member ledger with the current filters (every page) as an .xlsx, built in the
 * browser. exceljs is loaded only when someone exports (its browser build is ~1 MB).
 */
import { MOBILITY_STATUS_LABELS, type MobileMemberListQuery, type MobileMemberView } from '@djzy/shared';
import { listAllMobileMembers } from '../../api/mobility';
import { dateOf } from './shared';

/** The sheet's columns, in order; the e2e test reads the same header. */
export const EXPORT_HEADER = [
  '姓名',
  '所在支部',
  '状态',
  '外出地点',
  '工作单位',
  '外出时间',
  '联系干部',
  '联系周期（天）',
  '上次联系',
  '逾期天数',
  '超期两倍',
  '下次应联系',
];

/** One sheet row of a ledger row. */
export function exportRow(r: MobileMemberView): (string | number | null)[] {
  return [
    r.member.name,
    r.member.branchName ?? r.member.orgName,
    MOBILITY_STATUS_LABELS[r.status],
    r.destination,
    r.employer || null,
    r.leftAt,
    r.contactCadre?.name ?? null,
    r.intervalDays,
    dateOf(r.lastContactAt) || '从未联系',
    r.overdueDays,
    r.escalated ? '是' : '否',
    r.nextDueDate,
  ];
}

/** Builds and saves `<org>流动党员台账.xlsx`; returns how many rows it holds. */
export async function exportMobileMembers(
  query: Omit<MobileMemberListQuery, 'page' | 'pageSize'>,
  orgName: string,
  filterText: string,
): Promise<number> {
  const [rows, { default: ExcelJS }] = await Promise.all([listAllMobileMembers(query), import('exceljs')]);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('流动党员台账');
  sheet.addRow([`${orgName}流动党员台账${filterText ? `（${filterText}）` : ''}`]);
  sheet.mergeCells(1, 1, 1, EXPORT_HEADER.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow(EXPORT_HEADER).font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow(exportRow(r));
    if (r.overdueDays > 0) row.getCell(10).font = { color: { argb: 'FFC8161D' }, bold: r.escalated };
  }
  sheet.columns = [10, 22, 8, 24, 22, 12, 10, 12, 12, 10, 10, 12].map((width) => ({ width }));
  const buffer = await book.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${orgName}流动党员台账.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return rows.length;
}
