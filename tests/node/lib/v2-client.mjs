// The official TypeScript v2 client (@modelcontextprotocol/client 2.4.0) set up the way the v2-* suites use it: one
// elicitation and one sampling handler that answer what the Everything sample asks, and a record of the JSON-RPC
// messages that cross the transport in each direction (so a test can see an input-required round trip on the wire,
// not only its end result).
import { Client } from '@modelcontextprotocol/client';

export const MODERN = '2026-07-28';
export const LEGACY = '2025-11-25';

/** The two eras as the client selects them: 'auto' probes server/discover and goes modern; 'legacy' forces initialize. */
export const ERAS = [
  { label: 'modern (auto: server/discover probe)', era: 'modern', mode: 'auto', version: MODERN },
  { label: 'legacy (forced initialize)', era: 'legacy', mode: 'legacy', version: LEGACY },
];

/**
 * Records what goes through a transport: `out` holds every message the client sends, `in` every message it
 * receives. The inbound hook is a property, so it catches the handler whenever the client installs it (the
 * HTTP transport probes in place, before the protocol layer attaches).
 */
export function recordWire(transport) {
  const wire = { out: [], in: [] };
  const send = transport.send.bind(transport);
  transport.send = (message, options) => { wire.out.push(structuredClone(message)); return send(message, options); };
  let inner;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: () => (inner ? (message, extra) => { wire.in.push(structuredClone(message)); inner(message, extra); } : undefined),
    set: (fn) => { inner = fn; },
  });
  return wire;
}

/** The answers the handlers give: the Everything sample asks for a name, a favourite colour, or a model's reply. */
export const ANSWERS = { name: 'Ada', color: 'blue', model: 'Paris' };

/**
 * A v2 client in the given negotiation mode, with elicitation (form) and sampling declared and answered.
 * `asked.elicitations` / `asked.samplings` collect the params each handler was called with.
 */
export function v2Client(mode) {
  const asked = { elicitations: [], samplings: [] };
  const client = new Client({ name: 'mcpgen-v2-interop', version: '1.0.0' },
    { capabilities: { elicitation: { form: {} }, sampling: {} }, versionNegotiation: { mode } });
  client.setRequestHandler('elicitation/create', async (request) => {
    asked.elicitations.push(request.params);
    const fields = Object.keys(request.params.requestedSchema.properties);
    return { action: 'accept', content: Object.fromEntries(fields.map((f) => [f, ANSWERS[f] ?? `(no answer for ${f})`])) };
  });
  client.setRequestHandler('sampling/createMessage', async (request) => {
    asked.samplings.push(request.params);
    return { role: 'assistant', model: 'test-model', stopReason: 'endTurn', content: { type: 'text', text: ANSWERS.model } };
  });
  const errors = [];
  client.onerror = (e) => errors.push(e);
  return { client, asked, errors };
}

/** The requests (with an id and a method) among recorded messages, optionally of one method. */
export function requests(messages, method) {
  return messages.filter((m) => m.method !== undefined && m.id !== undefined && (method === undefined || m.method === method));
}

/** The recorded response to a request id. */
export function responseTo(messages, id) {
  return messages.find((m) => m.id === id && ('result' in m || 'error' in m));
}

/** Resolves when `predicate()` holds, polling every 20 ms; rejects after timeoutMs. */
export async function until(predicate, timeoutMs = 5000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves as `promise` does, or rejects after timeoutMs (the timer is cleared either way, so it holds no process open). */
export async function within(promise, timeoutMs, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: nothing within ${timeoutMs} ms`)), timeoutMs); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
