// The journal's two charts with lightweight-charts v5: the equity curve as a baseline series at the starting balance
// (green above, red below, as TOS colors P&L) and the cumulative net P&L of closed trades. Main computed every point;
// the values become numbers here only because the chart library plots numbers. A chart is made only after the
// screen's figures have painted (creating one lays out the page and sizes its canvases: tens of ms on a big journal).
import { BaselineSeries, ColorType, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { CurvePoint } from '../../../../shared/contract';

const UP = '#3fb950';
const DOWN = '#f85149';

function plotted(points: readonly CurvePoint[]) {
  return points.map((p) => ({ time: p.time as UTCTimestamp, value: Number(p.value) }));
}

/** Runs `run` once the next frame has painted (a frame callback runs before its paint, a task queued there after it). */
function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * `show` false keeps the chart unmade (the screen's first answers have not come); once true, the chart is made after
 * the next paint, so the trades and the cards reach the screen first.
 */
export function CurveChart({ points, base, label, testId, show = true }: { points: readonly CurvePoint[]; base: string; label: string; testId: string; show?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Baseline'> | null>(null);
  const [made, setMade] = useState(false);
  const [due, setDue] = useState(false);

  useEffect(() => {
    if (!show || due) return;
    return afterNextPaint(() => setDue(true));
  }, [show, due]);

  useEffect(() => {
    const element = host.current;
    if (!element || !due) return;
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
    setMade(true);
    return () => {
      created.remove();
      chart.current = null;
      series.current = null;
      setMade(false);
    };
  }, [due]);

  useEffect(() => {
    if (!made) return;
    series.current?.applyOptions({ baseValue: { type: 'price', price: Number(base) } });
    series.current?.setData(plotted(points));
    chart.current?.timeScale().fitContent();
  }, [points, base, made]);

  return (
    <figure className="journal-chart" data-testid={testId} data-points={points.length} data-drawn={made ? 'yes' : undefined}>
      <figcaption className="muted small">{label}</figcaption>
      <div className="chart-host" ref={host} />
      {points.length === 0 && <p className="empty">Nothing to plot yet.</p>}
    </figure>
  );
}
