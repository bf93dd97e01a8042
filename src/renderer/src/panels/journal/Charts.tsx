// The journal's two charts with lightweight-charts v5: the equity curve as a baseline series at the starting balance
// (green above, red below, as TOS colors P&L) and the cumulative net P&L of closed trades. Main computed every point;
// the values become numbers here only because the chart library plots numbers.
import { BaselineSeries, ColorType, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { CurvePoint } from '../../../../shared/contract';

const UP = '#3fb950';
const DOWN = '#f85149';

function plotted(points: readonly CurvePoint[]) {
  return points.map((p) => ({ time: p.time as UTCTimestamp, value: Number(p.value) }));
}

export function CurveChart({ points, base, label, testId }: { points: readonly CurvePoint[]; base: string; label: string; testId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Baseline'> | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const created = createChart(element, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#8b949e', fontSize: 11, attributionLogo: false },
      grid: { vertLines: { color: '#21262d' }, horzLines: { color: '#21262d' } },
      rightPriceScale: { borderColor: '#30363d' },
      timeScale: { borderColor: '#30363d', timeVisible: true },
    });
    chart.current = created;
    series.current = created.addSeries(BaselineSeries, {
      topLineColor: UP,
      topFillColor1: 'rgba(63,185,80,0.25)',
      topFillColor2: 'rgba(63,185,80,0.02)',
      bottomLineColor: DOWN,
      bottomFillColor1: 'rgba(248,81,73,0.02)',
      bottomFillColor2: 'rgba(248,81,73,0.25)',
      lineWidth: 2,
    });
    return () => {
      created.remove();
      chart.current = null;
      series.current = null;
    };
  }, []);

  useEffect(() => {
    series.current?.applyOptions({ baseValue: { type: 'price', price: Number(base) } });
    series.current?.setData(plotted(points));
    chart.current?.timeScale().fitContent();
  }, [points, base]);

  return (
    <figure className="journal-chart" data-testid={testId} data-points={points.length}>
      <figcaption className="muted small">{label}</figcaption>
      <div className="chart-host" ref={host} />
      {points.length === 0 && <p className="empty">Nothing to plot yet.</p>}
    </figure>
  );
}
