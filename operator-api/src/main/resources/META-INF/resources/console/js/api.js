// The operator API as the console calls it: the bearer token (this tab's session storage), JSON requests, and
// refusals as RFC 7807 problems shown to the user verbatim (title and detail).

const TOKEN_KEY = 'gridai.console.token';
export const API = '/api/v1';

/** A refusal of the API: its problem document (or what the answer was instead). */
export class Problem extends Error {
  constructor(status, body) {
    const title = body && body.title ? body.title : `HTTP ${status}`;
    const detail = body && body.detail ? body.detail : '';
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.body = body || {};
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

export function clearToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Takes a token given once in the address (#token=...) and removes it from the address bar and history. */
export function takeTokenFromFragment() {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) {
    return false;
  }
  setToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return true;
}

const signedOutListeners = [];

/** Calls back when the API refuses the token (401): expired, or signed by another key. */
export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

export function signedOut(problem) {
  signedOutListeners.forEach(l => l(problem));
}

export function authHeaders(extra = {}) {
  const t = token();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : { ...extra };
}

/** Reads a refused answer as a Problem (problem+json, other JSON, or text). */
export async function problemOf(response) {
  let body = null;
  const text = await response.text().catch(() => '');
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = { title: `HTTP ${response.status} ${response.statusText}`, detail: text.slice(0, 500) };
  }
  return new Problem(response.status, body);
}

/**
 * One API call: GET by default, a JSON body when given. Returns the parsed JSON (null for an empty answer), throws a
 * Problem for a refusal (and tells the sign-out listeners on 401), or a Problem of status 0 when the service is
 * unreachable.
 */
export async function api(path, { method = 'GET', body } = {}) {
  let response;
  try {
    response = await fetch(API + path, {
      method,
      headers: authHeaders(body === undefined ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Problem(0, { title: 'The operator API is not reachable', detail: String(e.message || e) });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401) {
      signedOut(problem);
    }
    throw problem;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Shows a problem (or clears the element when null): title and detail as the API said them. */
export function showProblem(element, problem) {
  if (!problem) {
    element.hidden = true;
    element.textContent = '';
    return;
  }
  element.hidden = false;
  element.textContent = problem instanceof Problem ? problem.message : String(problem);
}

/** An instant as the console shows it: 2020-01-01 12:05:00 UTC (the twin's grid time is not the wall clock). */
export function formatTime(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

/** The short form for tables: 07-01 00:17:26 (UTC). */
export function formatShort(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso || '—') : d.toISOString().slice(5, 19).replace('T', ' ');
}

/** Creates an element with attributes and children (strings become text, never HTML). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** The SVG counterpart of el. */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}
