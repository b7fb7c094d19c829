/**
 * An ECharts chart in a div: created on mount, resized with the window, disposed on unmount, and
 * given `option` (replacing the last) each time the caller's `deps` change. Callers register the
 * ECharts parts they use.
 */
import * as echarts from 'echarts/core';
import { useEffect, useRef, type DependencyList } from 'react';

export function useEChart(option: () => echarts.EChartsCoreOption, deps: DependencyList) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(optionRef.current(), { notMerge: true });
    chart.current?.resize();
  }, deps); // the caller names what the option depends on

  return el;
}
