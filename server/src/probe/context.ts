/**
 * What every probe check gets: the gate, the target, the resolved options, the route inventory and a cached fetch of
 * the target page (several checks read its headers and HTML, and the budget should pay for it once).
 */
import { GateRefusal, errorCode, type GateResponse, type RequestGate } from './gate';
import type { ProbeCheck, ProbeCheckId, ProbeOptions, ProbeRoute, ProbeStatus } from './types';

export interface ResolvedOptions extends ProbeOptions {
  burst: number;
  budget: number;
  timeoutMs: number;
  latencySamples: number;
}

export interface ProbeContext {
  gate: RequestGate;
  target: URL;
  options: ResolvedOptions;
  routes: ProbeRoute[];
  /** The target page, fetched once (same-origin redirects followed, at most 3). */
  page(): Promise<PageResult>;
}

export type PageResult = { response: GateResponse; redirectedTo?: string } | { error: string };

/** Follow redirects only while they stay on the target origin; report the first one that leaves it. */
export async function fetchFollowingSameOrigin(gate: RequestGate, url: string, purpose: string, origin: string): Promise<PageResult> {
  let current = url;
  for (let hop = 0; hop < 4; hop++) {
    let res: GateResponse;
    try {
      res = await gate.send({ method: 'GET', url: current, purpose });
    } catch (e) {
      return { error: e instanceof GateRefusal ? e.message : errorCode(e) };
    }
    const location = res.headers.location;
    if (res.status < 300 || res.status >= 400 || !location) return { response: res };
    const next = new URL(location, current);
    if (next.origin !== origin) return { response: res, redirectedTo: next.href };
    current = next.href;
  }
  return { error: 'too many redirects' };
}

export function check(id: ProbeCheckId, status: ProbeStatus, summary: string, evidence: Record<string, unknown> = {}): ProbeCheck {
  return { id, status, summary, evidence };
}

/** The worst status of several results, for checks made of per-route parts. */
export function worst(statuses: ProbeStatus[]): ProbeStatus {
  const rank: Record<ProbeStatus, number> = { skip: 0, pass: 1, warn: 2, error: 3, fail: 4 };
  // Starts from skip: parts that were all skipped (budget spent, no consent) must not add up to a pass.
  return statuses.reduce<ProbeStatus>((a, b) => (rank[b] > rank[a] ? b : a), 'skip');
}

/** A concrete path for a route pattern: `:id` → `1`, `*slug` → `x`, so that the request hits the route. */
export function concretePath(path: string): string {
  return path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '1' : seg.startsWith('*') ? 'x' : seg))
    .join('/');
}

export function routeKey(r: ProbeRoute): string {
  return `${r.method} ${r.path}`;
}

/** A response header subset worth showing as evidence (never cookies or auth headers). */
export function pickHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (headers[n] !== undefined) out[n] = headers[n];
  return out;
}
