/**
 * The request gate: every byte the probe sends to the target goes through here, so the safety rules live in one
 * place and are enforced rather than hoped for. It refuses other origins (redirects are reported, never followed to
 * another host), counts every request against the budget before it is sent (so concurrent checks can never
 * overshoot), allows only GET/HEAD/OPTIONS unless POSTs were consented to, puts a timeout on each request and logs
 * each one for the report.
 */
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import type { RequestRecord } from './types';

export interface GateOptions {
  /** Origins that may be contacted: the target's, and the plain-HTTP address of the redirect check. */
  origins: string[];
  budget: number;
  timeoutMs: number;
  allowPost: boolean;
  ca?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface GateRequest {
  method: 'GET' | 'HEAD' | 'OPTIONS' | 'POST';
  /** Absolute URL, or a path resolved against the first origin. */
  url: string;
  purpose: string;
  headers?: Record<string, string>;
  body?: string;
  /** Leave out Authorization/Cookie/API-key headers the user configured (the auth-bypass check). */
  anonymous?: boolean;
  /** Stop reading the body after this many bytes (default 512 KiB). */
  maxBytes?: number;
}

export interface GateResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
}

/** Why a request was not sent (budget spent, method not allowed, other origin): checks report it, never retry. */
export class GateRefusal extends Error {}

const CREDENTIAL_HEADER = /^(authorization|cookie|proxy-authorization|x-api-key|api-key|x-auth-token)$/i;

export class RequestGate {
  readonly log: RequestRecord[] = [];
  private used = 0;
  private trusted: Agent;
  private insecure?: Agent;
  private verify = true;

  constructor(private readonly opts: GateOptions) {
    this.trusted = new Agent({ connect: { ca: trustStore(opts.ca) } });
  }

  get requests(): number {
    return this.used;
  }

  get remaining(): number {
    return this.opts.budget - this.used;
  }

  get budget(): number {
    return this.opts.budget;
  }

  /** After a failed certificate check, later checks still look at the server (as testssl and Observatory do). */
  skipCertificateVerification(): void {
    this.verify = false;
    this.insecure ??= new Agent({ connect: { rejectUnauthorized: false } });
  }

  get verifying(): boolean {
    return this.verify;
  }

  /** Take one unit of budget for a request to `url` (also used by the TLS handshake), or throw a refusal. */
  reserve(method: string, url: URL, purpose: string): RequestRecord {
    const record: RequestRecord = { method, url: url.href, purpose };
    this.log.push(record);
    const refuse = (why: string): never => {
      record.error = `not sent: ${why}`;
      throw new GateRefusal(why);
    };
    if (this.opts.signal?.aborted) refuse('cancelled');
    if (!this.opts.origins.includes(url.origin)) refuse(`${url.origin} is not the target origin`);
    if (method === 'POST' && !this.opts.allowPost) refuse('POST needs --allow-post');
    if (!['GET', 'HEAD', 'OPTIONS', 'POST', 'TLS'].includes(method)) refuse(`${method} is never sent`);
    if (this.used >= this.opts.budget) refuse(`request budget of ${this.opts.budget} spent`);
    this.used++;
    return record;
  }

  async send(req: GateRequest): Promise<GateResponse> {
    const url = new URL(req.url, this.opts.origins[0]);
    const record = this.reserve(req.method, url, req.purpose);
    // Lower-cased, so that a user's "Origin" or "Authorization" cannot sit next to the check's own copy.
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries({ 'user-agent': 'launch-readiness-probe/1', ...this.opts.headers, ...req.headers })) headers[k.toLowerCase()] = v;
    if (req.anonymous) for (const name of Object.keys(headers)) if (CREDENTIAL_HEADER.test(name)) delete headers[name];
    const started = performance.now();
    const signals = [AbortSignal.timeout(this.opts.timeoutMs), ...(this.opts.signal ? [this.opts.signal] : [])];
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body: req.body,
        dispatcher: this.verify ? this.trusted : this.insecure,
        signal: AbortSignal.any(signals),
        headersTimeout: this.opts.timeoutMs,
        bodyTimeout: this.opts.timeoutMs,
      });
      const body = await readCapped(res.body, req.maxBytes ?? 512 * 1024);
      const ms = Math.round(performance.now() - started);
      const flat = flattenHeaders(res.headers);
      Object.assign(record, { status: res.statusCode, ms }, flat.location ? { location: flat.location } : {});
      return { url: url.href, status: res.statusCode, headers: flat, body, ms };
    } catch (e) {
      record.ms = Math.round(performance.now() - started);
      record.error = errorCode(e);
      throw e;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.trusted.close(), this.insecure?.close()]);
  }
}

/** The public roots plus the user's CA (a bare `ca` would replace the public roots). */
export function trustStore(ca: string | undefined): string[] | undefined {
  return ca ? [...rootCertificates, ca] : undefined;
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** A short, stable error name for the log: `ECONNREFUSED`, `CERT_HAS_EXPIRED`, `timeout`. */
export function errorCode(e: unknown): string {
  const err = e as { code?: string; name?: string; cause?: { code?: string }; message?: string };
  if (err?.name === 'TimeoutError' || err?.code === 'UND_ERR_HEADERS_TIMEOUT' || err?.code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  if (err?.name === 'AbortError') return 'aborted';
  return err?.cause?.code ?? err?.code ?? err?.message?.split('\n')[0] ?? 'error';
}
