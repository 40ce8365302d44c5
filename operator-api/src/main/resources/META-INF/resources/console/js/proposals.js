// The proposal queue: the agents' pending proposals (GET /proposals?state=PENDING, polled), each with its actions,
// the approvals so far and how many it needs (four eyes for high risk), approved or rejected with a reason
// (POST /proposals/{id}/approve|reject). A refusal (409 four-eyes, 403, 422...) is shown in the card as the API said it.

import { api, el, formatTime, showProblem } from './api.js';

const POLL_MS = 5000;
const cards = new Map(); // id -> { json, node }
let me = null;
let canOperate = false;
let timer = null;

export function setUser(user, operator) {
  me = user;
  canOperate = operator;
  cards.clear();
}

export async function refresh() {
  const problem = document.getElementById('proposals-problem');
  let list;
  try {
    list = (await api('/proposals?state=PENDING')) || [];
    showProblem(problem, null);
  } catch (e) {
    showProblem(problem, e);
    return;
  }
  list.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const host = document.getElementById('proposals');
  const seen = new Set();
  const nodes = list.map(p => {
    seen.add(p.id);
    const json = JSON.stringify(p);
    const known = cards.get(p.id);
    if (known && known.json === json) {
      return known.node; // unchanged: keep it as it is (an open reason box stays open)
    }
    const node = card(p);
    cards.set(p.id, { json, node });
    return node;
  });
  [...cards.keys()].filter(id => !seen.has(id)).forEach(id => cards.delete(id));
  host.replaceChildren(...(nodes.length ? nodes : [el('p', { class: 'muted' }, 'No pending proposals.')]));
  host.dataset.pending = String(list.length);
  document.getElementById('proposals-count').textContent = `${list.length} pending`;
}

function approvedByMe(p) {
  return me && (p.approvals || []).some(a => a.by === me.subject);
}

function card(p) {
  const needed = p.approvalsNeeded || 1;
  const approvals = p.approvals || [];
  const node = el('article', { class: `proposal risk-${p.risk}`, 'data-proposal': p.id, 'data-state': p.state,
    'data-testid': `proposal-${p.id}` },
  el('h4', {}, p.title || p.id),
  el('div', { class: 'meta' }, `${p.id} · ${p.agent} · risk ${p.risk} · ${formatTime(p.createdAt)}`),
  p.rationale ? el('p', { class: 'rationale' }, p.rationale) : null,
  el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'asset'), el('th', {}, 'kind'), el('th', {}, 'target'),
    el('th', {}, 'valid for'))),
  el('tbody', {}, (p.actions || []).map(a => el('tr', {}, el('td', {}, a.asset), el('td', {}, a.kind),
    el('td', { class: 'num' }, `${a.target} ${a.unit || ''}`), el('td', {}, a.validFor))))),
  el('div', { class: 'meta', 'data-testid': `approvals-${p.id}` },
    `approvals: ${approvals.length} of ${needed}`
    + (needed > 1 ? ' (four eyes: approvals by different operators)' : '')
    + (approvals.length ? ` — ${approvals.map(a => `${a.by} ${formatTime(a.at)}${a.reason ? ` “${a.reason}”` : ''}`)
      .join('; ')}` : '')));
  const problem = el('p', { class: 'problem', hidden: true, 'data-testid': `proposal-problem-${p.id}` });
  const decide = el('div', { class: 'decide' });
  const mine = approvedByMe(p);
  const buttons = () => {
    decide.replaceChildren(
      el('button', { type: 'button', 'data-testid': `approve-${p.id}`, disabled: !canOperate,
        title: !canOperate ? 'needs the operator role' : mine ? 'you approved it; another person must approve too' : '',
        onclick: () => ask('approve') }, 'Approve'),
      el('button', { type: 'button', class: 'secondary', 'data-testid': `reject-${p.id}`, disabled: !canOperate,
        title: canOperate ? '' : 'needs the operator role', onclick: () => ask('reject') }, 'Reject'),
      mine ? el('span', { class: 'muted' }, 'you approved it; waiting for a second person') : null);
  };
  const ask = verb => {
    const reason = el('input', { placeholder: `reason to ${verb} (required)`, maxlength: 1000,
      'data-testid': `reason-${p.id}` });
    const confirm = el('button', { type: 'button', 'data-testid': `confirm-${p.id}`, 'data-verb': verb,
      onclick: () => decideOn(p, verb, reason.value, problem, confirm) }, verb === 'approve' ? 'Confirm approval'
      : 'Confirm rejection');
    reason.addEventListener('keydown', e => {
      if (e.key === 'Enter') {
        confirm.click();
      }
    });
    decide.replaceChildren(reason, confirm,
      el('button', { type: 'button', class: 'secondary', onclick: () => { showProblem(problem, null); buttons(); } }, 'Cancel'));
    reason.focus();
  };
  buttons();
  node.append(decide, problem);
  return node;
}

async function decideOn(p, verb, reason, problem, button) {
  if (!reason.trim()) {
    showProblem(problem, `A reason is required to ${verb} a proposal.`);
    return;
  }
  button.disabled = true;
  try {
    const answer = await api(`/proposals/${encodeURIComponent(p.id)}/${verb}`, { method: 'POST', body: { reason } });
    showProblem(problem, null);
    const state = answer && answer.state ? answer.state : (verb === 'approve' ? 'APPROVED' : 'REJECTED');
    const count = answer && answer.approvals ? ` (${answer.approvals.length} of ${answer.approvalsNeeded} approvals)` : '';
    document.getElementById('decisions').prepend(el('li', { 'data-testid': `decision-${p.id}`, 'data-state': state },
      `${formatTime(new Date().toISOString())}: ${verb === 'approve' ? 'approved' : 'rejected'} ${p.id}`
      + ` “${p.title || ''}” → ${state}${count}`));
    cards.delete(p.id);
    await refresh();
  } catch (e) {
    showProblem(problem, e);
    button.disabled = false;
  }
}

export function start() {
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, POLL_MS);
}

export function stop() {
  clearInterval(timer);
}
