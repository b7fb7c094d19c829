/**
 * 导出: the whole ranking of an org and period (every page) as an .xlsx, built in the browser.
 * exceljs is loaded only when someone exports (its browser build is ~1 MB).
 */
import { MAX_PAGE_SIZE, type RankingItem } from '@djzy/shared';
import { listRankings } from '../../api/points';

/** Every ranking row of `orgId` for `period`, fetched page by page. */
async function allRows(orgId: string, period: string): Promise<RankingItem[]> {
  const rows: RankingItem[] = [];
  for (let page = 1; ; page++) {
    const res = await listRankings({ orgId, period, page, pageSize: MAX_PAGE_SIZE });
    rows.push(...res.items);
    if (!res.items.length || rows.length >= res.total) return rows;
  }
}

/** Builds and saves `<org><period>积分排名.xlsx`; returns how many rows it holds. */
export async function exportRanking(orgId: string, orgName: string, period: string, periodText: string): Promise<number> {
  const [rows, { default: ExcelJS }] = await Promise.all([allRows(orgId, period), import('exceljs')]);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('积分排名');
  sheet.addRow([`${orgName}${periodText}党员积分排名`]);
  sheet.mergeCells(1, 1, 1, 4);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow(['名次', '姓名', '所在组织', '积分']);
  header.font = { bold: true };
  for (const r of rows) sheet.addRow([r.rank, r.name, r.orgName, r.points]);
  sheet.columns = [{ width: 8 }, { width: 14 }, { width: 28 }, { width: 10 }];
  const buffer = await book.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${orgName}${periodText}积分排名.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return rows.length;
}
