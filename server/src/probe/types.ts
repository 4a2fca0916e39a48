/**
 * The probe's plain-data types: options, the report (reportVersion 1, CONTRACT.md "Probe report"), checks, the
 * request log and the route inventory the probe works from. Nothing here holds a socket or a function, so the
 * report can be sent over LSP, written as JSON and joined with the static scorecard as it is.
 */

export const PROBE_CHECK_IDS = [
  'tls-cert',
  'https-redirect',
  'hsts',
  'security-headers',
  'cors',
  'auth-bypass',
  'rate-limit',
  'webhook-signature',
  'error-handling',
  'health',
  'latency',
  'bundle-secrets',
  'edge',
  'spf',
  'dkim',
  'dmarc',
  'mx',
  'caa',
] as const;

export type ProbeCheckId = (typeof PROBE_CHECK_IDS)[number];
export type ProbeStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

export interface ProbeCheck {
  id: ProbeCheckId;
  status: ProbeStatus;
  /** One line a reviewer can act on. */
  summary: string;
  /** Requests, statuses, relevant headers, timings; never a secret value whole. Route-level checks carry `routes`. */
  evidence: Record<string, unknown>;
}

/** A per-route result inside a check's evidence (`evidence.routes`), which the join attaches to the route's source. */
export interface RouteResult {
  /** `METHOD path` as in the inventory (pattern path, e.g. `/api/tickets/:id`). */
  route: string;
  status: ProbeStatus;
  note: string;
}

export interface LatencyRow {
  route: string;
  ai: boolean;
  n: number;
  p50Ms: number;
  p95Ms: number;
  /** The budget the P95 is held against (500 ms, 2 s for AI routes). */
  budgetMs: number;
}

/** One entry of the request log: every request the probe sent (or refused to send), in order. */
export interface RequestRecord {
  /** HTTP method, or `TLS` for the certificate handshake. */
  method: string;
  url: string;
  /** Which check sent it. */
  purpose: string;
  status?: number;
  ms?: number;
  /** Network error code or the reason the gate refused the request. */
  error?: string;
  /** A redirect's Location, reported and never followed to another host. */
  location?: string;
}

/** A route from the static inventory (`--routes-from DIR` or the open workspace). */
export interface ProbeRoute {
  method: string;
  path: string;
  tags: string[];
  file?: string;
  line?: number;
  /** Names of the protections the code applies (null when none was found). */
  protections?: { auth?: string | null; rateLimit?: string | null; validation?: string | null; roles?: string | null };
}

export interface ProbeOptions {
  /** The staging URL (http or https). Only its origin is contacted. */
  url: string;
  routes?: ProbeRoute[];
  /** Sending domain for SPF/DKIM/DMARC/MX/CAA; DNS checks are skipped without it. */
  domain?: string;
  dkimSelectors?: string[];
  /** `HOST:PORT` of the DNS server to ask (tests point it at a local authoritative server). */
  dnsServer?: string;
  /** PEM text of extra CA certificates to trust. */
  ca?: string;
  /** Extra request headers (e.g. a staging access header); never sent by the auth-bypass check if they carry credentials. */
  headers?: Record<string, string>;
  /** Plain-HTTP address whose redirect is checked; default the target host on port 80. */
  httpUrl?: string;
  allowBurst?: boolean;
  /** Requests per burst (default 20). */
  burst?: number;
  allowPost?: boolean;
  /** Total HTTP request budget (default 300). */
  budget?: number;
  /** Per-request timeout in ms (default 5000). */
  timeoutMs?: number;
  /** Samples per route for the latency check (default 10). */
  latencySamples?: number;
}

export interface ProbeReport {
  reportVersion: 1;
  target: string;
  startedAt: string;
  /** HTTP requests (and TLS handshakes) sent, always ≤ budget. */
  requests: number;
  budget: number;
  durationMs: number;
  checks: ProbeCheck[];
  latency: LatencyRow[];
  /** Every request the probe sent or refused, in order. */
  requestLog: RequestRecord[];
  /** DNS questions asked for the domain checks (`TXT _dmarc.example.com`). */
  dnsQueries: string[];
}

export interface ProbeRunHooks {
  onProgress?(message: string, percentage: number): void;
  signal?: AbortSignal;
}

export const DEFAULTS = { budget: 300, burst: 20, timeoutMs: 5000, latencySamples: 10 } as const;
