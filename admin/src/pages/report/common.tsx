/**
 * What the 述职报告 and 党建总览 screens share: the org and year they show, kept in the address
 * (`?orgId=&year=`) so a drill-down goes back with the browser and a link opens the same view,
 * the year select (this year and the four before, never a future one) and the error in place.
 */
import { ApiError, type OrgNode } from '@djzy/shared';
import { Alert, Select } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useOrgs } from '../../hooks/useOrgs';

/** This year and the four before, newest first. */
export function reportYears(): number[] {
  const now = dayjs().year();
  return Array.from({ length: 5 }, (_, i) => now - i);
}

/** The org and year of a report screen, read from and written to the address. */
export function useReportParams(): {
  orgs: OrgNode[] | null;
  orgId: string | null;
  year: number;
  /** Shows another org (a new history entry, so 返回 goes back up a drill-down). */
  setOrgId(orgId: string): void;
  setYear(year: number): void;
} {
  const orgs = useOrgs();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') || orgs?.[0]?.id || null;
  const asked = Number(params.get('year'));
  const year = reportYears().includes(asked) ? asked : dayjs().year();
  const set = useCallback(
    (next: { orgId?: string; year?: number }) =>
      setParams((p) => {
        const q = new URLSearchParams(p);
        if (next.orgId) q.set('orgId', next.orgId);
        if (next.year) q.set('year', String(next.year));
        return q;
      }),
    [setParams],
  );
  const setOrgId = useCallback((o: string) => set({ orgId: o }), [set]);
  const setYear = useCallback((y: number) => set({ year: y }), [set]);
  return { orgs, orgId, year, setOrgId, setYear };
}

/** The year select of the report screens. */
export function ReportYearSelect(props: { value: number; onChange(year: number): void; testId: string }) {
  return (
    <Select<number>
      data-testid={props.testId}
      style={{ width: 110 }}
      value={props.value}
      onChange={props.onChange}
      options={reportYears().map((y) => ({ value: y, label: `${y} 年` }))}
    />
  );
}

/** The server's refusal (an org out of scope, a future year …) where the report would be. */
export function ReportError(props: { error: unknown; testId: string }) {
  const text = props.error instanceof ApiError ? props.error.message : '加载失败，请重试';
  return <Alert type="error" showIcon title={text} style={{ marginBottom: 12 }} data-testid={props.testId} />;
}

/** A number of 分 as 元 with two decimals: 123456 → 1,234.56 元. */
export function yuan(cents: number): string {
  return `${(cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}
