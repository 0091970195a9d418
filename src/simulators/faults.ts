/**
 * Fault injection and bookkeeping shared by the simulated HubSpot and Sequence servers.
 * The simulators are used by the tests, the benchmark and `crm-sequence-sync demo`.
 */
import type { Socket } from 'node:net';

export type FaultKind =
  /** Answer 500 (or 502/503) without applying the request. */
  | 'error5xx'
  /** Answer 429 without applying the request. */
  | 'rateLimit'
  /** Never answer: the socket stays open until `hangMs` passes, then it is destroyed. */
  | 'hang'
  /** Apply the write, then lose the answer: 502 instead of the real response. */
  | 'dropAfterApply'
  /** Apply the write, then destroy the socket without answering. */
  | 'resetAfterApply'
  /** Refuse the request with a 400 validation error (a server-side rule the client cannot know). Scripted only. */
  | 'reject400'
  /**
   * Answer 200 with a status line and headers at once, then one byte of body every `dripIntervalMs`,
   * never finishing: until the client closes the connection or `hangMs` passes. Scripted only.
   */
  | 'drip'
  /**
   * Answer `echoStatus` (400, 404, 502, …) with an error that quotes the request's credentials back,
   * as some upstreams and proxies do: HubSpot's `Bearer <token>`, Sequence's bare base64(id:secret).
   * Scripted only.
   */
  | 'echoCredentials';

export interface FaultRates {
  error5xx: number;
  rateLimit: number;
  hang: number;
  /** Only for writes; split evenly between a 502 answer and a destroyed socket. */
  dropAfterApply: number;
}

export const NO_FAULTS: FaultRates = { error5xx: 0, rateLimit: 0, hang: 0, dropAfterApply: 0 };

interface ScriptedFault {
  method?: string;
  path?: RegExp | string;
  kind: FaultKind;
  remaining: number;
}

/** Small deterministic PRNG so a seeded fault run can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultController {
  rates: FaultRates;
  /** How long a hung request is held before its socket is destroyed. */
  hangMs = 30_000;
  /** Fixed latency added to every answer. */
  latencyMs = 0;
  /** How often a dripping answer sends its next byte. */
  dripIntervalMs = 2_000;
  /** Dripping answers whose connection is still open (the client has not given up on them). */
  dripping = 0;
  /** Status of an `echoCredentials` answer. */
  echoStatus = 400;
  private scripted: ScriptedFault[] = [];
  private random: () => number;

  constructor(rates: Partial<FaultRates> = {}, seed = 1) {
    this.rates = { ...NO_FAULTS, ...rates };
    this.random = mulberry32(seed);
  }

  set(rates: Partial<FaultRates>): void {
    this.rates = { ...this.rates, ...rates };
  }

  clear(): void {
    this.rates = { ...NO_FAULTS };
    this.scripted = [];
  }

  /** Makes the next `count` requests that match fail with `kind` (scripted faults run before random ones). */
  inject(kind: FaultKind, match: { method?: string; path?: RegExp | string } = {}, count = 1): void {
    this.scripted.push({ ...match, kind, remaining: count });
  }

  /** Scripted faults not yet used (what a test injected and no request has met). */
  scriptedRemaining(): number {
    return this.scripted.reduce((sum, f) => sum + f.remaining, 0);
  }

  /** Decides the fault for one request, if any. */
  pick(method: string, path: string, isWrite: boolean): FaultKind | undefined {
    const scripted = this.scripted.find((f) => matches(f, method, path) && (isWrite || !isWriteOnly(f.kind)));
    if (scripted) {
      scripted.remaining -= 1;
      if (scripted.remaining <= 0) this.scripted.splice(this.scripted.indexOf(scripted), 1);
      return scripted.kind;
    }
    const r = this.random();
    let edge = this.rates.error5xx;
    if (r < edge) return 'error5xx';
    edge += this.rates.rateLimit;
    if (r < edge) return 'rateLimit';
    edge += this.rates.hang;
    if (r < edge) return 'hang';
    if (isWrite) {
      edge += this.rates.dropAfterApply;
      if (r < edge) return this.random() < 0.5 ? 'dropAfterApply' : 'resetAfterApply';
    }
    return undefined;
  }
}

/**
 * Writes a 200 answer's head on the raw socket, then one space of body every `dripIntervalMs`
 * (whitespace: every prefix is still valid JSON so far), never the whole announced length. Ends when
 * the client closes the connection or after `faults.hangMs`; `onEnd` runs once either way.
 */
export function dripAnswer(socket: Socket, faults: FaultController, onEnd: () => void): void {
  faults.dripping += 1;
  socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n');
  const interval = setInterval(() => socket.write(' '), faults.dripIntervalMs);
  const limit = setTimeout(() => socket.destroy(), faults.hangMs);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(interval);
    clearTimeout(limit);
    faults.dripping -= 1;
    onEnd();
  };
  socket.once('close', end);
  // A write after the client went away fails; the close that follows ends the drip.
  socket.on('error', () => undefined);
}

function isWriteOnly(kind: FaultKind): boolean {
  return kind === 'dropAfterApply' || kind === 'resetAfterApply';
}

function matches(f: ScriptedFault, method: string, path: string): boolean {
  if (f.method && f.method.toUpperCase() !== method.toUpperCase()) return false;
  if (f.path === undefined) return true;
  return typeof f.path === 'string' ? path === f.path || path.startsWith(`${f.path}?`) : f.path.test(path);
}

export interface RequestRecord {
  method: string;
  /** The route pattern, e.g. `/customers/:id`. */
  route: string;
  status: number;
  at: number;
}

/** Counts the requests a simulator answered, by method, route and status. */
export class RequestStats {
  private records: RequestRecord[] = [];
  private counts = new Map<string, number>();

  record(method: string, route: string, status: number): void {
    const key = `${method.toUpperCase()} ${route} ${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.records.length < 200_000) this.records.push({ method: method.toUpperCase(), route, status, at: Date.now() });
  }

  /** Number of answered requests matching every given field. */
  count(filter: { method?: string; route?: string; status?: number | ((status: number) => boolean) } = {}): number {
    let total = 0;
    for (const [key, n] of this.counts) {
      const [method, route, status] = splitKey(key);
      if (filter.method && filter.method.toUpperCase() !== method) continue;
      if (filter.route && filter.route !== route) continue;
      if (typeof filter.status === 'number' && filter.status !== status) continue;
      if (typeof filter.status === 'function' && !filter.status(status)) continue;
      total += n;
    }
    return total;
  }

  get total(): number {
    return this.count();
  }

  /** `{ "POST /customers 201": 3, … }` */
  summary(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort());
  }

  recent(): readonly RequestRecord[] {
    return this.records;
  }

  reset(): void {
    this.records = [];
    this.counts.clear();
  }
}

function splitKey(key: string): [string, string, number] {
  const first = key.indexOf(' ');
  const last = key.lastIndexOf(' ');
  return [key.slice(0, first), key.slice(first + 1, last), Number(key.slice(last + 1))];
}

/** A rolling-window request limit, as both services enforce them. */
export class SlidingWindowLimit {
  private stamps: number[] = [];
  private head = 0;

  constructor(
    public limit: number,
    public readonly windowMs: number,
  ) {}

  /** Takes one request slot; `ok: false` means the limit is reached. */
  take(now = Date.now()): { ok: boolean; remaining: number; retryAfterMs: number } {
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= now - this.windowMs) this.head += 1;
    if (this.head > 4096) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    const used = this.stamps.length - this.head;
    if (this.limit > 0 && used >= this.limit) {
      const oldest = this.stamps[this.head] ?? now;
      return { ok: false, remaining: 0, retryAfterMs: Math.max(1, oldest + this.windowMs - now) };
    }
    this.stamps.push(now);
    return { ok: true, remaining: this.limit > 0 ? this.limit - used - 1 : Number.MAX_SAFE_INTEGER, retryAfterMs: 0 };
  }
}
