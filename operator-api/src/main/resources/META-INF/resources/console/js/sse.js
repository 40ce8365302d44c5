// Server-Sent Events over fetch(): EventSource cannot send the Authorization header, so each stream is read as a
// ReadableStream and parsed here. It resumes with Last-Event-ID after a break; when the service says the client was
// too slow (event: dropped) or the id is older than its replay window (410), the caller reloads its state from the
// REST endpoints (onReset) and the stream resumes where the service can (the 410's oldestId).

import { API, authHeaders, problemOf, signedOut } from './api.js';

/** Splits a byte stream into SSE events: {event, data, id}; comment lines (keep-alives) are skipped. */
export class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.id = null;
  }

  push(text) {
    this.buffer += text;
    let match;
    // one line at a time; a line ends at \r\n, \n or \r (a trailing \r may be half of \r\n: wait for more)
    while ((match = /\r\n|\n|\r(?=[^\n])/.exec(this.buffer)) !== null) {
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0 || this.event) {
        this.onEvent({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.event = value;
    } else if (field === 'data') {
      this.data.push(value);
    } else if (field === 'id') {
      this.id = value;
    }
  }
}

/**
 * Follows /api/v1/streams/{name} until closed.
 *
 * @param name     alerts, setpoints, forecasts, zone-load or telemetry
 * @param handlers onEvent(record, id) for each record; onReset() when events may have been missed; onState(text)
 * @returns {{close: function}}
 */
export function follow(name, { onEvent, onReset = () => {}, onState = () => {} }) {
  let lastEventId = null;
  let closed = false;
  let controller = null;
  let backoff = 1000;

  async function connect() {
    while (!closed) {
      controller = new AbortController();
      let response;
      try {
        const headers = authHeaders({ Accept: 'text/event-stream' });
        if (lastEventId) {
          headers['Last-Event-ID'] = lastEventId;
        }
        response = await fetch(`${API}/streams/${encodeURIComponent(name)}`, { headers, signal: controller.signal });
      } catch (e) {
        if (closed) {
          return;
        }
        onState(`${name}: not reachable, retrying`);
        await pause(backoff);
        backoff = Math.min(backoff * 2, 30000);
        continue;
      }
      if (!response.ok) {
        const problem = await problemOf(response);
        if (response.status === 401) {
          signedOut(problem);
          return;
        }
        if (response.status === 410) {
          // older than the service's replay window: take what it still has and reload the rest
          lastEventId = problem.body.oldestId || null;
          onReset();
          continue;
        }
        onState(`${name}: ${problem.message}`);
        await pause(backoff);
        backoff = Math.min(backoff * 2, 30000);
        continue;
      }
      onState(`${name}: live`);
      backoff = 1000;
      let dropped = false;
      const parser = new SseParser(({ event, data, id }) => {
        if (id) {
          lastEventId = id;
        }
        if (event === 'dropped') {
          dropped = true;
          return;
        }
        try {
          onEvent(JSON.parse(data), id);
        } catch (e) {
          console.warn(`stream ${name}: an event that is not JSON was skipped`, e);
        }
      });
      try {
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        while (!closed) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          parser.push(decoder.decode(value, { stream: true }));
        }
      } catch (e) {
        // the connection broke: resume below
      }
      if (closed) {
        return;
      }
      if (dropped) {
        onState(`${name}: dropped by the service (too slow), reloading`);
        onReset();
      } else {
        await pause(backoff);
      }
    }
  }

  connect();
  return {
    close() {
      closed = true;
      if (controller) {
        controller.abort();
      }
    },
  };
}

function pause(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
