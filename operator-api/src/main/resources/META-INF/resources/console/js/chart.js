// Zone load against its forecast: the measured load (one point per aggregation window), the forecast median and its
// P10-P90 band, drawn by hand in SVG. Shown as demand, consumption positive: the platform's records use the generator
// sign convention (a zone consuming 120 MW reports -120 MW, and its forecasts likewise), operators read load as
// positive MW, so both are negated here and nowhere else. Loaded from GET /zones, /zones/{zone}/load?window= and /zones/{zone}/forecast, then
// kept live from the zone-load and forecasts streams. The chart element's data-updates attribute counts the live
// updates drawn (tests read it), data-points the load points shown.

import { api, el, formatTime, Problem, svg } from './api.js';

const W = 760;
const H = 280;
const M = { left: 56, right: 14, top: 14, bottom: 40 };
/** Grid time shown before the newest load point, and the longest forecast horizon shown after it. */
const BEFORE_MS = 12 * 3600e3;
const AHEAD_MS = 24 * 3600e3;
/** Load points kept per zone and window. */
const KEEP = 3000;

const zones = new Map(); // zone -> { loads: Map(window -> Map(startMs -> point)), forecast }
let selectedZone = null;
let selectedWindow = null;
let updates = 0;
let drawPending = false;

const chart = () => document.getElementById('chart');
const zoneSelect = () => document.getElementById('zone-select');
const windowSelect = () => document.getElementById('window-select');
const note = () => document.getElementById('chart-note');

/** Parses the ISO-8601 durations the streams use (PT5M, PT1H, P1D) into milliseconds; NaN when not one. */
export function durationMs(text) {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text || '');
  if (!m) {
    return NaN;
  }
  const [d, h, min, s] = m.slice(1).map(v => (v ? Number(v) : 0));
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}

function zoneState(zone) {
  if (!zones.has(zone)) {
    zones.set(zone, { loads: new Map(), forecast: null });
    const option = el('option', { value: zone }, zone);
    const select = zoneSelect();
    const after = [...select.options].find(o => o.value.localeCompare(zone, undefined, { numeric: true }) > 0);
    select.insertBefore(option, after || null);
    if (!selectedZone) {
      selectedZone = zone;
      select.value = zone;
    }
  }
  return zones.get(zone);
}

function addLoad(view) {
  const state = zoneState(view.zone);
  if (!state.loads.has(view.window)) {
    state.loads.set(view.window, new Map());
    if (view.zone === selectedZone) {
      fillWindows();
    }
  }
  const points = state.loads.get(view.window);
  const start = Date.parse(view.windowStart);
  const end = view.windowEnd ? Date.parse(view.windowEnd) : start + durationMs(view.window);
  points.set(start, { start, end, mw: -view.activePowerMw }); // demand: consumption positive
  if (points.size > KEEP) {
    const oldest = Math.min(...points.keys());
    points.delete(oldest);
  }
}

function setForecast(view) {
  const state = zoneState(view.zone);
  const current = state.forecast;
  const newer = !current || Date.parse(view.issueTime) > Date.parse(current.issueTime)
    || (view.issueTime === current.issueTime && Date.parse(view.madeAt || 0) >= Date.parse(current.madeAt || 0));
  if (newer) {
    state.forecast = view;
  }
  return newer;
}

/** The window options of the selected zone, smallest first; keeps the selection, else picks the smallest. */
function fillWindows() {
  const select = windowSelect();
  const state = zones.get(selectedZone);
  const windows = state ? [...state.loads.keys()].sort((a, b) => durationMs(a) - durationMs(b)) : [];
  select.replaceChildren(...windows.map(w => el('option', { value: w }, w)));
  if (!windows.includes(selectedWindow)) {
    selectedWindow = windows.length > 0 ? windows[0] : null;
  }
  if (selectedWindow) {
    select.value = selectedWindow;
  }
}

/** Loads a zone's recent load and latest forecast from the REST endpoints. */
async function loadZone(zone, latestEnd, windows) {
  const problems = [];
  // grid time: the twin's clock is not the wall clock, so the span is counted back from the zone's latest window
  const since = new Date((latestEnd ? Date.parse(latestEnd) : Date.now()) - BEFORE_MS - 3600e3).toISOString();
  for (const window of (windows && windows.length ? windows : [''])) {
    try {
      const loads = await api(`/zones/${encodeURIComponent(zone)}/load?since=${encodeURIComponent(since)}`
        + (window ? `&window=${encodeURIComponent(window)}` : ''));
      (loads || []).forEach(p => addLoad({ zone, ...p }));
    } catch (e) {
      problems.push(e);
    }
  }
  try {
    const forecast = await api(`/zones/${encodeURIComponent(zone)}/forecast`);
    if (forecast) {
      setForecast({ zone, ...forecast });
    }
  } catch (e) {
    if (!(e instanceof Problem && e.status === 404)) {
      problems.push(e);
    }
  }
  return problems;
}

/** The whole chart state from the REST endpoints (at start, and after a stream says events were missed). */
export async function reload() {
  let list = [];
  try {
    list = (await api('/zones')) || [];
  } catch (e) {
    note().textContent = `Zones: ${e.message} (the chart fills from the live streams)`;
  }
  list.forEach(z => zoneState(z.zone));
  const problems = [];
  for (const z of list) {
    problems.push(...await loadZone(z.zone, z.latest && z.latest.windowEnd, z.windows));
  }
  if (problems.length > 0) {
    note().textContent = problems.map(p => p.message).join('; ');
  }
  if (selectedZone) {
    fillWindows();
  }
  draw();
}

export function init() {
  zoneSelect().addEventListener('change', () => {
    selectedZone = zoneSelect().value;
    fillWindows();
    draw();
  });
  windowSelect().addEventListener('change', () => {
    selectedWindow = windowSelect().value;
    draw();
  });
  if (!chart().firstChild) {
    chart().append(svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'zone load and forecast' }));
  }
}

/** A zone-load stream event. */
export function onZoneLoad(view) {
  addLoad(view);
  if (view.zone === selectedZone) {
    if (!selectedWindow) {
      fillWindows();
    }
    if (view.window === selectedWindow) {
      liveUpdate(view.windowEnd);
    }
  }
}

/** A forecasts stream event. */
export function onForecast(view) {
  if (setForecast(view) && view.zone === selectedZone) {
    liveUpdate(view.issueTime);
  }
}

function liveUpdate(time) {
  updates += 1;
  const stamp = document.getElementById('chart-updated');
  stamp.textContent = `${formatTime(time)} (grid), ${new Date().toLocaleTimeString()} (here)`;
  scheduleDraw();
}

function scheduleDraw() {
  if (!drawPending) {
    drawPending = true;
    requestAnimationFrame(() => {
      drawPending = false;
      draw();
    });
  }
}

/** Indices of the P10, median and P90 levels (or the nearest the forecast has). */
function quantileIndices(levels) {
  const nearest = target => levels.reduce((best, l, i) => (Math.abs(l - target) < Math.abs(levels[best] - target) ? i : best), 0);
  return { low: nearest(0.1), mid: nearest(0.5), high: nearest(0.9) };
}

function niceStep(span, count) {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map(f => f * power).find(s => s >= raw) || power * 10;
}

const TIME_STEPS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map(m => m * 60e3);

function draw() {
  const host = chart();
  const state = zones.get(selectedZone);
  const points = state && selectedWindow && state.loads.get(selectedWindow)
    ? [...state.loads.get(selectedWindow).values()].sort((a, b) => a.start - b.start) : [];
  const forecast = state ? state.forecast : null;
  const latest = points.length > 0 ? points[points.length - 1].end : null;

  let steps = [];
  let q = null;
  if (forecast && forecast.steps && forecast.steps.length > 0) {
    q = quantileIndices(forecast.quantileLevels || [0.5]);
    const stepMs = durationMs(forecast.step) || 3600e3;
    // demand: consumption positive (the band's ends swap sides, which drawing the band between them does not mind)
    steps = forecast.steps.map(s => ({ t: Date.parse(s.validTime) + stepMs / 2, v: s.values.map(x => -x) }));
  }
  const anchor = latest !== null ? latest : (steps.length > 0 ? steps[0].t : null);
  const svgRoot = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `load of ${selectedZone || 'no zone'}` });
  host.dataset.points = '0';
  host.dataset.forecastSteps = '0';
  if (anchor === null) {
    svgRoot.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'tick' },
      selectedZone ? `waiting for ${selectedZone}'s load` : 'waiting for zone load (grid.zone-load)'));
    host.replaceChildren(svgRoot);
    host.dataset.updates = String(updates);
    return;
  }
  // at most BEFORE_MS back, less when there is less to show (at least an hour)
  const earliest = Math.min(...points.map(p => p.start), ...steps.map(s => s.t), anchor);
  const x0 = Math.max(anchor - BEFORE_MS, Math.min(earliest, anchor - 3600e3));
  const shownSteps = steps.filter(s => s.t >= x0 && s.t <= anchor + AHEAD_MS);
  const shownPoints = points.filter(p => p.end >= x0);
  const x1 = Math.max(anchor, ...shownSteps.map(s => s.t), x0 + 3600e3);
  const values = shownPoints.map(p => p.mw);
  shownSteps.forEach(s => values.push(s.v[q.low], s.v[q.high], s.v[q.mid]));
  let y0 = Math.min(...values);
  let y1 = Math.max(...values);
  const pad = Math.max((y1 - y0) * 0.08, Math.abs(y1) * 0.02, 1);
  y0 -= pad;
  y1 += pad;
  const sx = t => M.left + ((t - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = v => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);

  // grid and axes
  const yStep = niceStep(y1 - y0, 5);
  for (let v = Math.ceil(y0 / yStep) * yStep; v <= y1; v += yStep) {
    svgRoot.append(svg('line', { x1: M.left, x2: W - M.right, y1: sy(v), y2: sy(v), class: 'grid' }));
    svgRoot.append(svg('text', { x: M.left - 6, y: sy(v) + 4, 'text-anchor': 'end', class: 'tick' },
      Math.abs(yStep) < 1 ? v.toFixed(1) : Math.round(v).toString()));
  }
  const tStep = TIME_STEPS.find(s => (x1 - x0) / s <= 8) || 1440 * 60e3;
  for (let t = Math.ceil(x0 / tStep) * tStep; t <= x1; t += tStep) {
    const d = new Date(t);
    const label = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? d.toISOString().slice(5, 10)
      : d.toISOString().slice(11, 16);
    svgRoot.append(svg('line', { x1: sx(t), x2: sx(t), y1: M.top, y2: H - M.bottom, class: 'grid' }));
    svgRoot.append(svg('text', { x: sx(t), y: H - M.bottom + 14, 'text-anchor': 'middle', class: 'tick' }, label));
  }
  svgRoot.append(svg('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, class: 'axis' }));
  svgRoot.append(svg('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }));
  svgRoot.append(svg('text', { x: 12, y: M.top + 4, class: 'tick', transform: `rotate(-90 12 ${M.top + 4})`,
    'text-anchor': 'end' }, 'MW demand'));
  if (latest !== null) {
    svgRoot.append(svg('line', { x1: sx(latest), x2: sx(latest), y1: M.top, y2: H - M.bottom, class: 'now' }));
  }

  // forecast band and median
  if (shownSteps.length > 0) {
    const upper = shownSteps.map(s => `${sx(s.t).toFixed(1)},${sy(s.v[q.high]).toFixed(1)}`);
    const lower = shownSteps.slice().reverse().map(s => `${sx(s.t).toFixed(1)},${sy(s.v[q.low]).toFixed(1)}`);
    svgRoot.append(svg('polygon', { points: upper.concat(lower).join(' '), class: 'band', 'data-testid': 'forecast-band' }));
    svgRoot.append(svg('polyline', { points: shownSteps.map(s => `${sx(s.t).toFixed(1)},${sy(s.v[q.mid]).toFixed(1)}`)
      .join(' '), class: 'median', 'data-testid': 'forecast-median' }));
  }
  // measured load, at each window's middle
  if (shownPoints.length > 0) {
    const xy = shownPoints.map(p => [sx((p.start + p.end) / 2), sy(p.mw)]);
    svgRoot.append(svg('polyline', { points: xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '),
      class: 'load', 'data-testid': 'load-line' }));
    const [lx, ly] = xy[xy.length - 1];
    svgRoot.append(svg('circle', { cx: lx, cy: ly, r: 3, class: 'load-dot' },
      svg('title', {}, `${shownPoints[shownPoints.length - 1].mw.toFixed(1)} MW`)));
  }
  // legend
  const legendY = H - 8;
  svgRoot.append(svg('line', { x1: M.left, x2: M.left + 22, y1: legendY - 4, y2: legendY - 4, class: 'load' }));
  svgRoot.append(svg('text', { x: M.left + 28, y: legendY, class: 'legend' }, `measured load (${selectedWindow || '—'} mean)`));
  svgRoot.append(svg('line', { x1: M.left + 200, x2: M.left + 222, y1: legendY - 4, y2: legendY - 4, class: 'median' }));
  svgRoot.append(svg('text', { x: M.left + 228, y: legendY, class: 'legend' }, 'forecast median'));
  svgRoot.append(svg('rect', { x: M.left + 340, y: legendY - 9, width: 22, height: 10, class: 'band' }));
  svgRoot.append(svg('text', { x: M.left + 368, y: legendY, class: 'legend' },
    forecast ? `P10–P90, issued ${formatTime(forecast.issueTime)} (${forecast.modelVersion || 'model ?'})`
      : 'P10–P90 (no forecast for this zone yet)'));

  host.replaceChildren(svgRoot);
  host.dataset.points = String(shownPoints.length);
  host.dataset.forecastSteps = String(shownSteps.length);
  host.dataset.updates = String(updates);
}
