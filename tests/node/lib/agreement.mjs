// Schema/binder agreement: value generators, a schema-directed normalizer and a mutator (see agreement.test.mjs).
// Everything here is driven by one seeded PRNG, so a run is reproducible from AGREEMENT_SEED.

/** mulberry32: a small seeded PRNG (the one json-schema-faker uses internally too). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    bool: (p = 0.5) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

// The two patterns McpGen emits instead of formats (generators/McpGen.Generators/README.md).
export const DURATION_PATTERN = '^-?P(?:[0-9]+W|(?=[0-9]|T[0-9])(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]{1,7})?S)?)?)$';
export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$';

const TICKS_PER_SECOND = 10_000_000n;
const MAX_TICKS = 9223372036854775807n; // TimeSpan.MaxValue.Ticks
const pad = (n, w = 2) => String(n).padStart(w, '0');

// ---------------------------------------------------------------------------------------------------------------
// Value generators (registered as json-schema-faker formats under x-* names; the generation schema is rewritten to
// use them, the validation schema is the server's, unchanged). They produce values RFC 3339 / the patterns allow,
// including spellings a lax or a strict parser may get wrong: lowercase t/z, offsets, 0-9 fraction digits, leap days,
// unnormalised durations (PT90M), upper-case UUIDs, URIs of many schemes, astral-plane characters.
// ---------------------------------------------------------------------------------------------------------------

function fraction(r, maxDigits) {
  const n = r.int(0, maxDigits);
  let s = '';
  for (let i = 0; i < n; i++) s += r.int(0, 9);
  return s ? '.' + s : '';
}

function daysIn(y, m) { return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]; }

function dateParts(r) {
  const y = r.bool(0.9) ? r.int(1900, 2100) : r.pick([1, 2, 1600, 2000, 2400, 9998, 9999]);
  const m = r.int(1, 12);
  const d = r.bool(0.2) ? daysIn(y, m) : r.int(1, daysIn(y, m));
  return { y, m, d };
}

export function genDate(r) { const { y, m, d } = dateParts(r); return `${pad(y, 4)}-${pad(m)}-${pad(d)}`; }

export function genDateTime(r) {
  const date = genDate(r);
  const time = `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}${fraction(r, r.bool(0.8) ? 7 : 9)}`;
  const offset = r.bool(0.5) ? 'Z' : `${r.pick(['+', '-'])}${pad(r.int(0, 14))}:${pad(r.pick([0, 0, 30, 45, r.int(0, 59)]))}`;
  const s = `${date}T${time}${offset}`;
  return r.bool(0.1) ? s.toLowerCase() : s; // RFC 3339 5.6: "T" and "Z" may be lower case
}

export function genTime(r) {
  const hm = `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}`;
  return r.bool(0.2) ? hm : `${hm}:${pad(r.int(0, 59))}${fraction(r, 7)}`;
}

export function genDuration(r) {
  const sign = r.bool(0.2) ? '-' : '';
  if (r.bool(0.1)) return `${sign}P${r.int(0, 1000)}W`;
  const big = r.bool(0.1);
  let s = 'P';
  let any = false;
  if (r.bool(0.5)) { s += `${big ? r.int(0, 10_000_000) : r.int(0, 400)}D`; any = true; }
  const parts = [];
  if (r.bool(0.5)) parts.push(`${r.int(0, big ? 100_000 : 48)}H`);
  if (r.bool(0.5)) parts.push(`${r.int(0, big ? 100_000 : 120)}M`);
  if (r.bool(0.5) || (!any && parts.length === 0)) parts.push(`${r.int(0, big ? 1_000_000 : 90)}${fraction(r, 7)}S`);
  if (parts.length) s += 'T' + parts.join('');
  return sign + s;
}

export function genUuid(r) {
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
  const s = `${hex(8)}-${hex(4)}-${r.pick(['1', '4', '7'])}${hex(3)}-${r.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  return r.bool(0.15) ? s.toUpperCase() : s;
}

export function genUri(r) {
  const word = () => r.pick(['a', 'docs', 'x-y', 'caf%C3%A9', 'v1.2', '~me', 'it_s', 'A1']);
  const host = r.pick(['example.com', 'localhost', '127.0.0.1', '[::1]', 'sub.example.org', 'EXAMPLE.COM']);
  const path = Array.from({ length: r.int(0, 3) }, word).map((w) => '/' + w).join('');
  return r.pick([
    () => `${r.pick(['http', 'https', 'HTTP', 'ftp'])}://${host}${r.bool(0.2) ? ':' + r.int(1, 65535) : ''}${path || '/'}${r.bool(0.2) ? '?q=' + word() : ''}${r.bool(0.1) ? '#' + word() : ''}`,
    () => `urn:isbn:${r.int(1000000000, 9999999999)}`,
    () => `mailto:${word()}@example.com`,
    () => `file:///tmp${path}`,
    () => `tag:example.com,2005:${word()}`,
    () => `data:text/plain,${word()}`,
    () => `x-custom:${word()}`,
  ])();
}

export function genEmail(r) {
  const local = r.pick(['a', 'john.doe', 'x+tag', 'o\'neil', 'UPPER', 'a_b-c']);
  return `${local}@${r.pick(['example.com', 'mail.example.org', 'x.io'])}`;
}

export function genBase64(r) {
  const bytes = Buffer.from(Array.from({ length: r.int(0, 24) }, () => r.int(0, 255)));
  return bytes.toString('base64');
}

const CHARS = ['a', 'Z', '0', ' ', '-', '_', '"', '\\', '/', '\n', '\t', 'é', 'ß', '中', '€', '\u00a0', '😀', '𝄞', '🇫', '\u200d'];

/** A string of min..max code points (JSON Schema counts code points). */
export function genText(r, min, max) {
  const hi = Math.min(max ?? min + 12, min + 12);
  const n = r.int(min, Math.max(min, hi));
  let s = '';
  for (let i = 0; i < n; i++) s += r.bool(0.6) ? 'abcdefghijklmnopqrstuvwxyz'[r.int(0, 25)] : r.pick(CHARS);
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical values, for comparing what was sent with what came back.
// ---------------------------------------------------------------------------------------------------------------

/** RFC 3339 date-time to UTC ticks (BigInt) with the fraction cut to 7 digits; undefined if not parseable. */
export function dateTimeTicks(s) {
  const m = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, f = '', off] = m;
  const days = daysFromCivil(Number(y), Number(mo), Number(d));
  let ticks = (((days * 24n + BigInt(h)) * 60n + BigInt(mi)) * 60n + BigInt(se)) * TICKS_PER_SECOND + BigInt((f + '0000000').slice(0, 7));
  if (off !== 'Z' && off !== 'z') {
    const sign = off[0] === '-' ? -1n : 1n;
    ticks -= sign * (BigInt(off.slice(1, 3)) * 60n + BigInt(off.slice(4, 6))) * 60n * TICKS_PER_SECOND;
  }
  return ticks;
}
// Days from 0001-01-01 (proleptic Gregorian), as .NET ticks count them (H. Hinnant's days_from_civil).
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return BigInt(era * 146097 + doe - 719468 + 719162); // 719162: days from 0001-01-01 to 1970-01-01
}

/** A duration in the DURATION_PATTERN language to ticks (BigInt). */
export function durationTicks(s) {
  const m = /^(-)?P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,7}))?S)?)?)$/.exec(s);
  if (!m) return undefined;
  const [, neg, w, d, h, mi, se, f = ''] = m;
  const big = (x) => BigInt(x ?? 0);
  let ticks = ((((big(w) * 7n + big(d)) * 24n + big(h)) * 60n + big(mi)) * 60n + big(se)) * TICKS_PER_SECOND + BigInt((f + '0000000').slice(0, 7));
  return neg ? -ticks : ticks;
}
export const durationFits = (s) => { const t = durationTicks(s); return t !== undefined && t <= MAX_TICKS && -t <= MAX_TICKS + 1n; };

export function timeTicks(s) {
  const m = /^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,7}))?)?$/.exec(s);
  if (!m) return undefined;
  return ((BigInt(m[1]) * 60n + BigInt(m[2])) * 60n + BigInt(m[3] ?? 0)) * TICKS_PER_SECOND + BigInt(((m[4] ?? '') + '0000000').slice(0, 7));
}

/** Follows a local $ref. */
export function deref(schema, root) {
  let s = schema;
  while (s && s.$ref) s = s.$ref.split('/').slice(1).reduce((o, k) => o[decodeURIComponent(k.replace(/~1/g, '/').replace(/~0/g, '~'))], root);
  return s ?? {};
}

const types = (s) => (s.type === undefined ? null : [].concat(s.type));

/** A canonical string for a value under its schema (set membership, multiset comparison). */
export function canon(value, schema, root) {
  const s = deref(schema, root);
  if (typeof value === 'string') {
    if (s.format === 'date-time') return 'dt:' + (dateTimeTicks(value) ?? value);
    if (s.pattern === DURATION_PATTERN) return 'd:' + (durationTicks(value) ?? value);
    if (s.pattern === TIME_PATTERN) return 't:' + (timeTicks(value) ?? value);
    if (s.format === 'uuid') return 'u:' + value.toLowerCase();
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return 'n:' + value;
  return JSON.stringify(value);
}

/** Numbers: equal, or equal as float32 (float members), or within decimal's quantum (decimal members). */
const sameNumber = (a, b) => a === b || Math.fround(a) === Math.fround(b) || Math.abs(a - b) <= 5e-29;

/**
 * Compares what was sent (with the schema's defaults filled in for omitted members) with what the tool echoed.
 * Returns a list of differences ('' means equal). `stats.unchecked` counts omitted members without a default.
 */
export function compare(sent, got, schema, root, path, out, stats) {
  const s = deref(schema, root);
  if (sent === undefined) {
    if ('default' in s) sent = s.default;
    else { if (got !== undefined && got !== null) stats.unchecked++; return; }
  }
  if (sent === null) { if (got !== null && got !== undefined) out.push(`${path}: sent null, got ${JSON.stringify(got)}`); return; }
  if (got === undefined || got === null) { out.push(`${path}: sent ${JSON.stringify(sent)}, got ${JSON.stringify(got)}`); return; }
  const t = types(s);
  if (t === null) { // any JSON value: structural equality
    if (!deepEqualJson(sent, got)) out.push(`${path}: sent ${JSON.stringify(sent)}, got ${JSON.stringify(got)}`);
    return;
  }
  if (typeof sent === 'number') {
    if (typeof got !== 'number' || !sameNumber(sent, got)) out.push(`${path}: sent ${sent}, got ${JSON.stringify(got)}`);
    return;
  }
  if (typeof sent === 'string') {
    if (typeof got !== 'string' || canon(sent, s, root) !== canon(got, s, root)) out.push(`${path}: sent ${JSON.stringify(sent)}, got ${JSON.stringify(got)}`);
    return;
  }
  if (typeof sent === 'boolean') { if (sent !== got) out.push(`${path}: sent ${sent}, got ${got}`); return; }
  if (Array.isArray(sent)) {
    if (!Array.isArray(got) || got.length !== sent.length) { out.push(`${path}: sent ${JSON.stringify(sent)}, got ${JSON.stringify(got)}`); return; }
    if (s.uniqueItems) { // a set: order is not kept
      const a = sent.map((v) => canon(v, s.items ?? {}, root)).sort();
      const b = got.map((v) => canon(v, s.items ?? {}, root)).sort();
      if (a.join('\u0000') !== b.join('\u0000')) out.push(`${path}: sent set ${JSON.stringify(sent)}, got ${JSON.stringify(got)}`);
      return;
    }
    sent.forEach((v, i) => compare(v, got[i], s.items ?? {}, root, `${path}[${i}]`, out, stats));
    return;
  }
  if (typeof got !== 'object' || Array.isArray(got)) { out.push(`${path}: sent an object, got ${JSON.stringify(got)}`); return; }
  if (s.properties && typeof s.additionalProperties !== 'object') {
    for (const [k, ps] of Object.entries(s.properties)) compare(sent[k], got[k], ps, root, join(path, k), out, stats);
    for (const k of Object.keys(got)) if (!(k in s.properties)) out.push(`${join(path, k)}: echoed a member the schema does not have`);
    return;
  }
  const values = s.additionalProperties ?? {};
  const ks = Object.keys(sent).sort(), kg = Object.keys(got).sort();
  if (ks.join('\u0000') !== kg.join('\u0000')) { out.push(`${path}: sent keys ${JSON.stringify(ks)}, got ${JSON.stringify(kg)}`); return; }
  for (const k of ks) compare(sent[k], got[k], values, root, join(path, k), out, stats);
}

export const join = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function deepEqualJson(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && deepEqualJson(a[k], b[k]));
}

// ---------------------------------------------------------------------------------------------------------------
// The generation schema: the server's schema with McpGen's patterns and the formats replaced by x-* formats whose
// generators above know the value spaces (json-schema-faker's own only cover part of them). `unicode` also gives
// plain strings a generator that uses characters outside ASCII and outside the BMP.
// ---------------------------------------------------------------------------------------------------------------
export function generationSchema(schema, unicode, textFormats) {
  const walk = (s) => {
    if (Array.isArray(s)) return s.map(walk);
    if (!s || typeof s !== 'object') return s;
    const o = {};
    for (const [k, v] of Object.entries(s)) o[k] = walk(v);
    const isString = [].concat(o.type ?? []).includes('string');
    if (isString && !o.enum) {
      const fmt = { 'date-time': 'x-date-time', date: 'x-date', uuid: 'x-uuid', uri: 'x-uri', email: 'x-email' }[o.format];
      if (o.pattern === DURATION_PATTERN) { delete o.pattern; o.format = 'x-duration'; }
      else if (o.pattern === TIME_PATTERN) { delete o.pattern; o.format = 'x-time'; }
      else if (fmt) o.format = fmt;
      else if (o.contentEncoding === 'base64') o.format = 'x-base64';
      else if (unicode && !o.pattern && !o.format && !o.not) {
        const name = `x-text-${o.minLength ?? 0}-${o.maxLength ?? 'n'}`;
        const min = o.minLength ?? 0, max = o.maxLength;
        textFormats[name] ??= (r) => genText(r, min, max);
        o.format = name;
      }
    }
    return o;
  };
  return walk(schema);
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations. Each takes a valid instance and changes one place; ajv then decides whether the result is still valid
// (the server must accept it and echo it) or invalid (the server must answer isError naming the path).
// ---------------------------------------------------------------------------------------------------------------

/** Every place in the instance: { parent, key, value, schema, path }, the root object included (parent null). */
export function places(instance, schema, root) {
  const list = [];
  const visit = (value, sch, parent, key, path) => {
    const s = deref(sch, root);
    list.push({ parent, key, value, schema: s, path });
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, s.items ?? {}, value, i, join(path, i)));
    else if (value && typeof value === 'object' && types(s) !== null) {
      for (const [k, v] of Object.entries(value)) {
        const child = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : {});
        visit(v, child, value, k, join(path, k));
      }
    }
  };
  visit(instance, schema, null, null, '');
  return list;
}

const OTHER_TYPES = { string: 'text', integer: 7, number: 1.5, boolean: true, array: [], object: {}, null: null };

/** Alternative spellings of the same value: equal for .NET, distinct for JSON Schema's uniqueItems. */
function respell(value, s) {
  if (s.format === 'date-time' && dateTimeTicks(value) !== undefined) {
    const ticks = dateTimeTicks(value) + 60n * 60n * TICKS_PER_SECOND; // same instant, written at +01:00
    const d = new Date(Number(ticks / 10000n - 62135596800000n));
    if (Number.isNaN(d.getTime())) return undefined;
    const frac = (ticks % TICKS_PER_SECOND).toString().padStart(7, '0');
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${frac}+01:00`;
  }
  if (s.pattern === DURATION_PATTERN && durationTicks(value) !== undefined) {
    const t = durationTicks(value);
    const abs = t < 0n ? -t : t;
    const sec = abs / TICKS_PER_SECOND, frac = abs % TICKS_PER_SECOND;
    return `${t < 0n ? '-' : ''}PT${sec}${frac ? '.' + frac.toString().padStart(7, '0').replace(/0+$/, '') : ''}S`;
  }
  if (s.format === 'uuid') return value === value.toUpperCase() ? value.toLowerCase() : value.toUpperCase();
  if (s.format === 'uri') return value.replace(/^[a-z][a-z0-9+.-]*:/i, (m) => m.toUpperCase());
  return undefined;
}

/** Returns { instance, op, path } or undefined when the chosen mutation does not apply. */
export function mutate(r, instance, schema, root) {
  const copy = structuredClone(instance);
  const all = places(copy, schema, root);
  const place = r.pick(all);
  const { parent, key, value, schema: s, path } = place;
  const set = (v) => { parent[key] = v; };
  const t = types(s) ?? [];
  const ops = [];
  if (parent) {
    ops.push(['wrong-type', () => { const other = Object.keys(OTHER_TYPES).filter((x) => !t.includes(x) && !(x === 'integer' && t.includes('number'))); if (!other.length) return false; set(structuredClone(OTHER_TYPES[r.pick(other)])); }]);
    ops.push(['null', () => set(null)]);
  }
  if (parent && typeof value === 'number') {
    // Beyond 2^53 a JavaScript number cannot state a bound exactly (2^63 - 1 is 2^63): step over such bounds by a
    // factor, and do not aim at them.
    const exact = (x) => x !== undefined && Math.abs(x) <= 2 ** 53;
    const step = (x, sign) => (exact(x) ? x + sign * r.pick([1, 0.5, 1e10]) : x * (1 + 1e-3 * Math.sign(x) * sign));
    ops.push(['above-maximum', () => set(step(s.maximum ?? 1e300, 1))]);
    ops.push(['below-minimum', () => set(step(s.minimum ?? -1e300, -1))]);
    ops.push(['boundary', () => set(r.pick([s.minimum, s.maximum, 0, -1, 1e300, -1e300, 1e-300, 2 ** 53 + 2, 3.4e38 * 2, 7.9e28 * 2, 0.1, 1e-7].filter(exact)))]);
    ops.push(['fraction', () => set(value + 0.5)]);
  }
  if (parent && typeof value === 'string' && s.contentEncoding !== 'base64') {
    if (s.maxLength !== undefined) ops.push(['too-long', () => set('a'.repeat(s.maxLength + 1))]);
    if (s.minLength) ops.push(['too-short', () => set('a'.repeat(s.minLength - 1))]);
    if (s.maxLength !== undefined || s.minLength !== undefined) ops.push(['astral-at-limit', () => set('😀'.repeat(s.maxLength ?? s.minLength))]);
    if (s.pattern) ops.push(['pattern', () => set(r.pick([value + '!', '!' + value, '', value + '\n']))]);
    if (s.format) ops.push(['format', () => set(r.pick(['not a ' + s.format, '', value + ' ', ' ' + value, value.toUpperCase(), value + 'x']))]);
    if (s.enum) ops.push(['enum', () => set(r.pick([value + 'x', value.toLowerCase(), value.toUpperCase(), '']))]);
    if (s.not?.enum) ops.push(['denied', () => set(r.pick(s.not.enum))]);
    if (!s.format && !s.pattern && !s.enum) ops.push(['unicode', () => set(genText(r, s.minLength ?? 0, s.maxLength))]);
  }
  if (Array.isArray(value)) {
    if (s.uniqueItems && value.length) ops.push(['duplicate', () => value.push(structuredClone(r.pick(value)))]);
    if (s.uniqueItems && value.length) ops.push(['respelled-duplicate', () => { const v = respell(r.pick(value), deref(s.items ?? {}, root)); if (v === undefined) return false; value.push(v); }]);
    if (s.maxItems !== undefined && value.length) ops.push(['too-many', () => { while (value.length <= s.maxItems) value.push(structuredClone(value[0])); }]);
    if (s.minItems) ops.push(['too-few', () => { value.length = s.minItems - 1; }]);
    if (value.length) ops.push(['remove-item', () => { value.splice(r.int(0, value.length - 1), 1); }]);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const present = Object.keys(value);
    const required = (s.required ?? []).filter((k) => k in value);
    if (required.length) ops.push(['missing-required', () => { const k = r.pick(required); delete value[k]; return join(path, k); }]);
    const optional = present.filter((k) => !(s.required ?? []).includes(k));
    if (optional.length) ops.push(['omit-optional', () => { delete value[r.pick(optional)]; }]);
    if (s.properties && Object.keys(s.properties).length) {
      ops.push(['unknown-property', () => { value.zzUnknown = 1; return join(path, 'zzUnknown'); }]);
      ops.push(['near-name', () => { const k = r.pick(Object.keys(s.properties)); if (k in value || k.toUpperCase() === k) return false; value[k.toUpperCase()] = value[k] ?? 1; return join(path, k.toUpperCase()); }]);
    } else if (s.properties) {
      ops.push(['unknown-property', () => { value.zzUnknown = 1; return join(path, 'zzUnknown'); }]);
    } else if (typeof s.additionalProperties === 'object') {
      ops.push(['new-key', () => { const k = r.pick(['', 'with space', 'dot.key', 'é😀', 'Key']); if (k in value) return false; value[k] = present.length ? structuredClone(value[r.pick(present)]) : 1; return join(path, k); }]);
    }
  }
  if (!ops.length) return undefined;
  const [op, apply] = r.pick(ops);
  const result = apply();
  if (result === false) return undefined;
  return { instance: copy, op, path: typeof result === 'string' ? result : path };
}
