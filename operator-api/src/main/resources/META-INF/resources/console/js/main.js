// The operator console: sign-in (a bearer token pasted here, or given once as #token=... in the address), then the
// panels, each fed by the REST endpoints and kept live by the streams. Nothing is loaded from outside this service.

import { api, clearToken, onSignedOut, setToken, takeTokenFromFragment, token, formatTime } from './api.js';
import { follow } from './sse.js';
import * as chart from './chart.js';
import * as network from './network.js';
import * as alarms from './alarms.js';
import * as proposals from './proposals.js';
import * as setpoints from './setpoints.js';

const HEALTH_MS = 15000;
let streams = [];
let healthTimer = null;
const streamStates = new Map();

const byId = id => document.getElementById(id);

function showSignIn(problem) {
  stopAll();
  byId('console').hidden = true;
  byId('sign-out').hidden = true;
  byId('who').textContent = '';
  byId('sign-in').hidden = false;
  const note = byId('sign-in-problem');
  note.hidden = !problem;
  note.textContent = problem ? problem.message : '';
}

function stopAll() {
  streams.forEach(s => s.close());
  streams = [];
  streamStates.clear();
  clearInterval(healthTimer);
  network.stop();
  proposals.stop();
}

async function health() {
  const badge = byId('health');
  try {
    const h = await api('/health');
    badge.dataset.status = h.status;
    badge.textContent = `health: ${h.status}`;
    badge.title = (h.checks || []).map(c => `${c.name}: ${c.status}${c.detail ? ` (${c.detail})` : ''}`).join('\n');
  } catch (e) {
    badge.dataset.status = 'UNKNOWN';
    badge.textContent = 'health: unknown';
    badge.title = e.message;
  }
}

function stream(name, onEvent, onReset) {
  streams.push(follow(name, {
    onEvent,
    onReset,
    onState: text => {
      streamStates.set(name, text);
      const live = [...streamStates.values()].filter(t => t.endsWith(': live')).length;
      const el = byId('streams');
      el.textContent = `streams ${live}/${streamStates.size} live`;
      el.title = [...streamStates.values()].join('\n');
    },
  }));
}

async function start() {
  let me;
  try {
    me = await api('/me');
  } catch (e) {
    if (e.status !== 401) {
      showSignIn(e);
    } // 401: onSignedOut shows the sign-in with the reason
    return;
  }
  const operator = (me.effectiveRoles || []).includes('operator');
  document.body.classList.toggle('operator', operator);
  byId('who').textContent = `${me.name || me.subject} (${(me.effectiveRoles || []).join(', ')})`;
  byId('who').dataset.subject = me.subject;
  byId('who').title = `subject ${me.subject}; token valid until ${formatTime(me.expiresAt)}`;
  document.querySelectorAll('.needs-operator').forEach(b => {
    b.disabled = !operator;
    b.title = operator ? '' : 'needs the operator role';
  });
  byId('sign-in').hidden = true;
  byId('console').hidden = false;
  byId('sign-out').hidden = false;

  chart.init();
  alarms.init();
  alarms.setOperator(operator);
  proposals.setUser(me, operator);
  setpoints.init();

  // streams first, so that nothing between the REST answers and the live events is missed (both are idempotent)
  stream('zone-load', chart.onZoneLoad, chart.reload);
  stream('forecasts', chart.onForecast, chart.reload);
  stream('alerts', alarms.onAlert, alarms.reload);
  stream('setpoints', setpoints.onSetpoint, setpoints.reload);

  chart.reload();
  alarms.reload();
  proposals.start();
  setpoints.reload();
  network.start().then(setpoints.loadAssets);
  health();
  healthTimer = setInterval(health, HEALTH_MS);
}

onSignedOut(problem => {
  clearToken();
  showSignIn(problem);
});

byId('sign-in-form').addEventListener('submit', event => {
  event.preventDefault();
  setToken(byId('token-input').value);
  byId('token-input').value = '';
  start();
});

byId('sign-out').addEventListener('click', () => {
  clearToken();
  showSignIn(null);
});

takeTokenFromFragment();
if (token()) {
  start();
} else {
  showSignIn(null);
}
