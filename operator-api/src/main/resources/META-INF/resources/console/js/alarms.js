// The alarm list: GET /alerts at start (and after a stream gap), then the alerts stream; acknowledgement inline with
// an optional comment (POST /alerts/{id}/ack), the API's refusal shown as it said it.

import { api, el, formatShort, formatTime, showProblem } from './api.js';

const SHOWN = 200;
const alerts = new Map();
let canOperate = false;
let renderPending = false;
let editing = null; // the alert id whose comment box is open
let editingRow = null; // its row, kept as it is across live re-renders (so typing is not lost)

export function setOperator(allowed) {
  canOperate = allowed;
  render();
}

export async function reload() {
  const problem = document.getElementById('alarms-problem');
  try {
    const list = (await api('/alerts')) || [];
    list.forEach(a => alerts.set(a.id, a));
    showProblem(problem, null);
  } catch (e) {
    showProblem(problem, e);
  }
  render();
}

/** An alerts stream event: the alert as GET /alerts shows it. */
export function onAlert(view) {
  const known = alerts.get(view.id);
  // the stream shows the record as read; an acknowledgement made since (here or elsewhere) is kept
  alerts.set(view.id, known && known.acknowledged && !view.acknowledged ? { ...view, acknowledged: true,
    acknowledgement: known.acknowledgement } : view);
  if (alerts.size > 5000) {
    const oldest = [...alerts.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time))[0];
    alerts.delete(oldest.id);
  }
  if (!renderPending) {
    renderPending = true;
    requestAnimationFrame(() => {
      renderPending = false;
      render();
    });
  }
}

async function acknowledge(id, comment, cell) {
  try {
    const answer = await api(`/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST', body: { comment } });
    const known = alerts.get(id);
    alerts.set(id, answer && answer.id ? answer : { ...known, acknowledged: true,
      acknowledgement: { by: 'you', at: new Date().toISOString(), comment } });
    editing = null;
    editingRow = null;
    render();
  } catch (e) {
    cell.querySelector('.problem')?.remove();
    cell.append(el('div', { class: 'problem', 'data-testid': `ack-problem-${id}` }, e.message));
  }
}

function ackCell(alert) {
  if (alert.acknowledged) {
    const a = alert.acknowledgement || {};
    return el('td', { title: `${formatTime(a.at)}${a.comment ? `: ${a.comment}` : ''}` }, `${a.by || '?'} ${formatShort(a.at)}`);
  }
  const cell = el('td');
  if (editing === alert.id) {
    const comment = el('input', { placeholder: 'comment (optional)', maxlength: 1000,
      'data-testid': `ack-comment-${alert.id}` });
    cell.append(comment, el('button', { type: 'button', 'data-testid': `ack-confirm-${alert.id}`,
      onclick: () => acknowledge(alert.id, comment.value, cell) }, 'OK'),
    el('button', { type: 'button', class: 'secondary', onclick: () => { editing = null; editingRow = null; render(); } }, 'Cancel'));
    setTimeout(() => comment.focus(), 0);
  } else {
    cell.append(el('button', { type: 'button', 'data-testid': `ack-${alert.id}`, disabled: !canOperate,
      title: canOperate ? 'acknowledge' : 'needs the operator role',
      onclick: () => { editing = alert.id; editingRow = null; render(); } }, 'Ack'));
  }
  return cell;
}

function render() {
  const body = document.querySelector('#alarms tbody');
  if (!body) {
    return;
  }
  const raisedOnly = document.getElementById('alarms-raised-only').checked;
  const list = [...alerts.values()].filter(a => !raisedOnly || a.state === 'RAISED')
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  const rows = list.slice(0, SHOWN).map(a => (a.id === editing && editingRow ? editingRow : row(a)));
  editingRow = rows.find(r => r.dataset.alert === editing) || null;
  const focused = editingRow && editingRow.contains(document.activeElement) ? document.activeElement : null;
  const caret = focused && focused.selectionStart;
  body.replaceChildren(...rows);
  if (focused) {
    focused.focus(); // moving the row blurs it: the operator keeps typing where they were
    if (typeof caret === 'number') {
      focused.setSelectionRange(caret, caret);
    }
  }
  document.getElementById('alarms-count').textContent = `${list.length} ${raisedOnly ? 'raised' : 'held'}`
    + (list.length > SHOWN ? `, newest ${SHOWN} shown` : '');
}

function row(a) {
  return el('tr', {
    class: `sev-${a.severity} ${a.state === 'CLEARED' ? 'cleared' : ''}`, 'data-alert': a.id, title: a.message,
  },
  el('td', { title: formatTime(a.time) }, formatShort(a.time)), el('td', {}, a.severity), el('td', {}, a.asset),
  el('td', {}, a.type), el('td', {}, a.state),
  el('td', { class: 'num', title: a.kind }, `${fmt(a.value)} / ${fmt(a.limit)}`), ackCell(a));
}

function fmt(v) {
  return typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3)) : '—';
}

export function init() {
  document.getElementById('alarms-raised-only').addEventListener('change', render);
}
