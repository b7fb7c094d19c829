/**
 * 述职报告 and 党建总览 calls. Reads are silent: the page shows the server's answer (an org out of
 * scope, a future year) in place of the report rather than as a passing toast.
 */
import type { AnnualReport, ReportOverview } from '@djzy/shared';
import { download, request } from './client';
import { useQueryFor } from './query';

/** An org and a year, as every report route takes them. */
export interface ReportArgs {
  orgId: string;
  year: number;
}

/** `GET /reports/annual?orgId=&year=`: the thirty figures with their records. */
export function getAnnualReport(args: ReportArgs): Promise<AnnualReport> {
  return request<AnnualReport>('/reports/annual', { query: { ...args }, silent: true });
}

/** The file name of the report of `orgName` for `year`, without its extension. */
export function annualReportName(orgName: string, year: number): string {
  return `${orgName}${year}年度抓基层党建工作述职报告`;
}

/** `GET /reports/annual.docx` or `.xlsx` as a download (the server's file name wins when it sends one). */
export function downloadAnnualReport(args: ReportArgs & { orgName: string }, ext: 'docx' | 'xlsx'): Promise<void> {
  return download(`/reports/annual.${ext}`, `${annualReportName(args.orgName, args.year)}.${ext}`, {
    query: { orgId: args.orgId, year: args.year },
  });
}

/** `GET /reports/overview?orgId=&year=`: the records of each child org, and their total. */
export function getOverview(args: ReportArgs): Promise<ReportOverview> {
  return request<ReportOverview>('/reports/overview', { query: { ...args }, silent: true });
}

/** Query keys: every report query starts with `reports`. */
export const reportKeys = {
  all: ['reports'] as const,
  annual: (a: ReportArgs) => ['reports', 'annual', a.orgId, a.year] as const,
  overview: (a: ReportArgs) => ['reports', 'overview', a.orgId, a.year] as const,
};

export function useAnnualReport(args: ReportArgs | null) {
  return useQueryFor(reportKeys.annual, getAnnualReport, args);
}

export function useOverview(args: ReportArgs | null) {
  return useQueryFor(reportKeys.overview, getOverview, args);
}
