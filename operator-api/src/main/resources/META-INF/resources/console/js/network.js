// The grid as a graph: buses placed by a force layout that starts from positions seeded by each bus id (so the same
// case always draws the same), branches coloured by their loading (green up to 50 %, through amber at 80 % to red at
// 100 % and above, grey when not known). Refreshed from GET /network every REFRESH_MS; the layout is computed once per topology.

import { api, svg } from './api.js';

const W = 760;
const H = 420;
const REFRESH_MS = 15000;

let layoutKey = null;
let positions = new Map();
let timer = null;

/** A 32-bit hash of a string (FNV-1a): the seed of a bus's first position. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fruchterman-Reingold on the unit square: repulsion between every pair, attraction along branches, a cooling step.
 * Iterations are fewer on large cases so that the layout stays under a second or so.
 */
export function layout(buses, branches) {
  const n = buses.length;
  const index = new Map(buses.map((b, i) => [String(b.id), i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  buses.forEach((b, i) => {
    const r = random(hash(String(b.id)));
    x[i] = r();
    y[i] = r();
  });
  const edges = branches.map(br => [index.get(String(br.from)), index.get(String(br.to))])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const k = Math.sqrt(1 / Math.max(n, 1));
  const iterations = Math.max(30, Math.min(300, Math.floor(4e7 / Math.max(n * n, 1))));
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temperature = 0.1;
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = x[i] - x[j];
        let ddy = y[i] - y[j];
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-12) {
          ddx = 1e-3 * (((i * 7 + j) % 5) - 2);
          ddy = 1e-3;
          d2 = ddx * ddx + ddy * ddy;
        }
        const f = (k * k) / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    }
    for (const [a, b] of edges) {
      const ddx = x[a] - x[b];
      const ddy = y[a] - y[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1e-6;
      const f = d / k;
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1e-9;
      const step = Math.min(d, temperature);
      x[i] += (dx[i] / d) * step;
      y[i] += (dy[i] / d) * step;
    }
    temperature *= 0.98;
  }
  // fit to the drawing
  const [minX, maxX, minY, maxY] = [Math.min(...x), Math.max(...x), Math.min(...y), Math.max(...y)];
  const pad = 16;
  const result = new Map();
  buses.forEach((b, i) => {
    result.set(String(b.id), {
      x: pad + ((x[i] - minX) / (maxX - minX || 1)) * (W - 2 * pad),
      y: pad + ((y[i] - minY) / (maxY - minY || 1)) * (H - 2 * pad),
    });
  });
  return result;
}

/** Green up to 50 %, green to amber to 80 %, amber to red to 100 %, red above; grey when unknown. */
export function loadingColour(percent) {
  if (percent === null || percent === undefined || Number.isNaN(percent)) {
    return '#9aa3ab';
  }
  const mix = (a, b, f) => a.map((v, i) => Math.round(v + (b[i] - v) * f));
  const green = [46, 125, 50];
  const amber = [224, 160, 0];
  const red = [198, 40, 40];
  let rgb;
  if (percent < 50) {
    rgb = green;
  } else if (percent < 80) {
    rgb = mix(green, amber, (percent - 50) / 30);
  } else if (percent < 100) {
    rgb = mix(amber, red, (percent - 80) / 20);
  } else {
    rgb = red;
  }
  return `rgb(${rgb.join(',')})`;
}

function draw(network) {
  const host = document.getElementById('network');
  const buses = network.buses || [];
  const branches = network.branches || [];
  const key = `${network.case}|${buses.map(b => b.id).join(',')}|${branches.map(b => `${b.from}-${b.to}`).join(',')}`;
  if (key !== layoutKey) {
    const t0 = performance.now();
    positions = layout(buses, branches);
    layoutKey = key;
    host.dataset.layoutMs = String(Math.round(performance.now() - t0));
  }
  const generatorBuses = new Set((network.generators || []).map(g => String(g.bus)));
  const batteryBuses = new Set((network.batteries || []).map(b => String(b.bus)));
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `network ${network.case || ''}` });
  let known = 0;
  let over = 0;
  for (const br of branches) {
    const a = positions.get(String(br.from));
    const b = positions.get(String(br.to));
    if (!a || !b) {
      continue;
    }
    const loading = br.loadingPercent;
    if (loading !== null && loading !== undefined) {
      known += 1;
      if (loading > 100) {
        over += 1;
      }
    }
    root.append(svg('line', {
      x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1), class: 'branch',
      stroke: loadingColour(loading), 'data-branch': br.id,
      'data-loading': loading === null || loading === undefined ? '' : loading.toFixed(1),
    }, svg('title', {}, `${br.id}: ${br.from} → ${br.to}, ${loading === null || loading === undefined ? 'loading unknown'
      : `${loading.toFixed(1)} % of ${br.rateMva} MVA`}`)));
  }
  const radius = buses.length > 400 ? 1.5 : 3.5;
  for (const bus of buses) {
    const p = positions.get(String(bus.id));
    const kind = batteryBuses.has(String(bus.id)) ? 'battery' : generatorBuses.has(String(bus.id)) ? 'gen' : '';
    root.append(svg('circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: radius, class: `bus ${kind}`,
      'data-bus': bus.id }, svg('title', {}, `bus ${bus.id} (${bus.zone || 'no zone'}, ${bus.baseKv} kV)`
      + `${kind === 'gen' ? ', generator' : kind === 'battery' ? ', battery' : ''}`)));
  }
  host.replaceChildren(root);
  host.dataset.branches = String(branches.length);
  host.dataset.buses = String(buses.length);
  document.getElementById('network-case').textContent = `${network.case || ''}: ${buses.length} buses,`
    + ` ${branches.length} branches, ${known} with a loading${over ? `, ${over} over 100 %` : ''}`;
}

export async function refresh() {
  const note = document.getElementById('network-note');
  try {
    const network = await api('/network');
    draw(network);
    note.textContent = `refreshed ${new Date().toLocaleTimeString()}; blue: generator buses, purple: batteries`;
    return network;
  } catch (e) {
    note.textContent = `Network: ${e.message}`;
    return null;
  }
}

/** Draws the network now and every REFRESH_MS; resolves to the first answer (null when refused). */
export function start() {
  clearInterval(timer);
  timer = setInterval(refresh, REFRESH_MS);
  return refresh();
}

export function stop() {
  clearInterval(timer);
}
