// Setpoints: the override form (POST /setpoints/{asset}/override, role operator; a refusal such as the asset's
// envelope is shown as the API said it) and the latest setpoint per asset (GET /setpoints, then the setpoints stream).

import { api, el, formatTime, showProblem } from './api.js';

const SHOWN = 60;
const latest = new Map(); // asset -> setpoint view
let renderPending = false;

function list(answer) {
  if (Array.isArray(answer)) {
    return answer;
  }
  return answer && Array.isArray(answer.setpoints) ? answer.setpoints : [];
}

export async function reload() {
  try {
    list(await api('/setpoints')).forEach(put);
  } catch (e) {
    // the latest setpoints then come from the stream only
  }
  render();
}

/** The asset names for the form: the network's generators and batteries (what can be overridden), else GET /assets. */
export async function loadAssets(network) {
  let names = network ? [...(network.generators || []), ...(network.batteries || [])].map(g => g.asset) : [];
  if (names.length === 0) {
    try {
      const assets = await api('/assets');
      names = (Array.isArray(assets) ? assets : []).map(a => (typeof a === 'string' ? a : a.asset)).filter(Boolean);
    } catch (e) {
      // the form still takes any asset id typed in
    }
  }
  document.getElementById('assets').replaceChildren(...[...new Set(names)].sort()
    .map(n => el('option', { value: n })));
}

function put(s) {
  const known = latest.get(s.asset);
  if (!known || Date.parse(s.issuedAt || s.validFrom) >= Date.parse(known.issuedAt || known.validFrom)) {
    latest.set(s.asset, s);
  }
}

/** A setpoints stream event. */
export function onSetpoint(view) {
  put(view);
  if (!renderPending) {
    renderPending = true;
    requestAnimationFrame(() => {
      renderPending = false;
      render();
    });
  }
}

function render() {
  const rows = [...latest.values()].sort((a, b) => Date.parse(b.issuedAt || b.validFrom) - Date.parse(a.issuedAt || a.validFrom))
    .slice(0, SHOWN).map(s => el('tr', { 'data-setpoint': s.asset },
      el('td', {}, s.asset), el('td', { class: 'num' }, `${Number(s.target).toFixed(2)} ${s.unit || ''}`),
      el('td', {}, `${formatTime(s.validFrom)} → ${formatTime(s.validUntil)}`), el('td', {}, s.origin || ''),
      el('td', {}, s.issuedBy || '')));
  document.querySelector('#setpoints tbody').replaceChildren(...rows);
}

export function init() {
  const form = document.getElementById('override-form');
  const result = document.getElementById('override-result');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const asset = document.getElementById('override-asset').value.trim();
    const body = {
      kind: 'ACTIVE_POWER',
      target: Number(document.getElementById('override-target').value),
      validFor: document.getElementById('override-valid').value,
      reason: document.getElementById('override-reason').value,
    };
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const answer = await api(`/setpoints/${encodeURIComponent(asset)}/override`, { method: 'POST', body });
      const s = answer && answer.setpoint ? answer.setpoint : answer; // {setpoint, auditSequence, ...}
      result.hidden = false;
      result.className = 'success';
      result.dataset.outcome = 'issued';
      result.textContent = s && s.asset
        ? `Override issued: ${s.asset} → ${s.target} ${s.unit || 'MW'}, valid ${formatTime(s.validFrom)} → `
          + `${formatTime(s.validUntil)}${s.id ? ` (${s.id})` : ''}`
        : `Override issued for ${asset}.`;
      if (s && s.asset) {
        onSetpoint(s);
      }
    } catch (e) {
      showProblem(result, e);
      result.className = 'problem';
      result.dataset.outcome = 'refused';
    } finally {
      submit.disabled = !document.body.classList.contains('operator');
    }
  });
}
