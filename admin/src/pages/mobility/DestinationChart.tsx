/** The bar chart of mobile members per destination (ECharts, only the parts used registered). */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../hooks/useEChart';
import type { RegionCount } from './destinations';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Props of DestinationChart. */
export interface DestinationChartProps {
  counts: RegionCount[];
  height?: number;
}

/** One bar per region with its number of mobile members. */
export function DestinationChart({ counts, height = 400 }: DestinationChartProps) {
  // Many places: the chart grows wider and the box scrolls, rather than squeezing the bars.
  const width = counts.length * 64;

  const el = useEChart(
    () => ({
      color: ['#c8161d'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${v} 人` },
      grid: { left: 48, right: 24, top: 36, bottom: 90 },
      xAxis: {
        type: 'category',
        data: counts.map((c) => c.region),
        axisLabel: { interval: 0, rotate: counts.length > 8 ? 35 : 0 },
      },
      yAxis: { type: 'value', name: '人数', minInterval: 1 },
      series: [
        {
          name: '流动党员',
          type: 'bar',
          data: counts.map((c) => c.count),
          barMaxWidth: 40,
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [counts],
  );

  return (
    <div style={{ overflowX: 'auto' }}>
      <div ref={el} style={{ width: '100%', minWidth: width, height }} data-testid="destination-chart" />
    </div>
  );
}
