/**
 * The per-branch bar chart (average, with max and min beside it). Only the ECharts parts used
 * here are registered, so the chart chunk stays small.
 */
import type { BranchPointsStat } from '@djzy/shared';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../hooks/useEChart';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Props of BranchChart. */
export interface BranchChartProps {
  stats: BranchPointsStat[];
  height?: number;
}

/** Grouped bars per branch: 平均积分, 最高, 最低. */
export function BranchChart({ stats, height = 420 }: BranchChartProps) {
  // Many branches: the chart grows wider and the box scrolls, rather than squeezing the bars
  // (a dataZoom slider would do it too, at ~100 kB more of ECharts).
  const width = Math.max(stats.length * 72, 0);

  const el = useEChart(
    () => ({
      color: ['#c8161d', '#f5a623', '#8c8c8c'],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const list = params as { dataIndex: number }[];
          const s = stats[list[0]?.dataIndex ?? 0];
          return s ? `${s.orgName}<br/>党员 ${s.members} 人<br/>平均 ${s.average} 分<br/>最高 ${s.max} 分<br/>最低 ${s.min} 分` : '';
        },
      },
      legend: { data: ['平均积分', '最高', '最低'] },
      grid: { left: 48, right: 24, top: 40, bottom: 90 },
      xAxis: {
        type: 'category',
        data: stats.map((s) => s.orgName),
        axisLabel: { interval: 0, rotate: stats.length > 6 ? 35 : 0 },
      },
      yAxis: { type: 'value', name: '积分' },
      series: [
        {
          name: '平均积分',
          type: 'bar',
          data: stats.map((s) => s.average),
          barMaxWidth: 32,
          label: { show: stats.length <= 12, position: 'top' },
        },
        { name: '最高', type: 'bar', data: stats.map((s) => s.max), barMaxWidth: 16 },
        { name: '最低', type: 'bar', data: stats.map((s) => s.min), barMaxWidth: 16 },
      ],
    }),
    [stats],
  );

  return (
    <div style={{ overflowX: 'auto' }}>
      <div ref={el} style={{ width: '100%', minWidth: width, height }} data-testid="distribution-chart" />
    </div>
  );
}
