/**
 * The 党建总览 charts, one bar per child org: its problems (未销号 / 逾期 / 已销号, stacked) and its
 * org life (已开展 against 应开展). Only the ECharts parts used here are registered.
 */
import type { OverviewRow } from '@djzy/shared';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { RefObject } from 'react';
import { useEChart } from '../../hooks/useEChart';
import { orgLifeSum } from './overview';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Props of the two charts: the child orgs in the order the table shows them. */
export interface OverviewChartProps {
  rows: OverviewRow[];
  height?: number;
}

const axis = (rows: OverviewRow[]) => ({
  type: 'category' as const,
  data: rows.map((r) => r.orgName),
  axisLabel: { interval: 0, rotate: rows.length > 6 ? 35 : 0 },
});

/** Problems per child org: open and not overdue, overdue (a part of the open ones), closed. */
export function ProblemsChart({ rows, height = 320 }: OverviewChartProps) {
  const el = useEChart(
    () => ({
      color: ['#f5a623', '#c8161d', '#52c41a'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${v} 个` },
      legend: { data: ['未销号（未逾期）', '逾期未销号', '已销号'] },
      grid: { left: 48, right: 24, top: 40, bottom: 80 },
      xAxis: axis(rows),
      yAxis: { type: 'value', name: '问题', minInterval: 1 },
      series: [
        {
          name: '未销号（未逾期）',
          type: 'bar',
          stack: 'p',
          barMaxWidth: 40,
          data: rows.map((r) => Math.max(r.problems.open - r.problems.overdue, 0)),
        },
        { name: '逾期未销号', type: 'bar', stack: 'p', barMaxWidth: 40, data: rows.map((r) => r.problems.overdue) },
        { name: '已销号', type: 'bar', stack: 'p', barMaxWidth: 40, data: rows.map((r) => r.problems.closed) },
      ],
    }),
    [rows],
  );
  return <ChartBox el={el} rows={rows} height={height} testId="overview-problems-chart" />;
}

/** Org life per child org: meetings held against required so far this year (all kinds together). */
export function OrgLifeChart({ rows, height = 320 }: OverviewChartProps) {
  const el = useEChart(
    () => ({
      color: ['#8c8c8c', '#c8161d'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${v} 次` },
      legend: { data: ['应开展', '已开展'] },
      grid: { left: 48, right: 24, top: 40, bottom: 80 },
      xAxis: axis(rows),
      yAxis: { type: 'value', name: '组织生活', minInterval: 1 },
      series: [
        { name: '应开展', type: 'bar', barMaxWidth: 28, data: rows.map((r) => orgLifeSum(r).required) },
        { name: '已开展', type: 'bar', barMaxWidth: 28, data: rows.map((r) => orgLifeSum(r).held) },
      ],
    }),
    [rows],
  );
  return <ChartBox el={el} rows={rows} height={height} testId="overview-orglife-chart" />;
}

function ChartBox(props: { el: RefObject<HTMLDivElement>; rows: OverviewRow[]; height: number; testId: string }) {
  // Many orgs: the chart grows wider and the box scrolls, rather than squeezing the bars.
  return (
    <div style={{ overflowX: 'auto' }}>
      <div ref={props.el} style={{ width: '100%', minWidth: props.rows.length * 64, height: props.height }} data-testid={props.testId} />
    </div>
  );
}
