/**
 * The join of live results with the code: probe checks become scorecard inputs (engine `ProbeRowInput`), per-route
 * probe results attach to the route's source line with what the code says ("POST /api/chat: no limiter in code and
 * no 429 after 20 requests"), static findings the probe saw happen are marked confirmed live, and controls declared
 * in readiness.config.json are marked proven or disproven. Pure: plain data in, plain data out.
 */
import picomatch from 'picomatch';
import type { ProbeRowInput } from '../engine';
import type { DeclaredControl, ProtectionKind, Route } from '../model/types';
import type { ProbeCheck, ProbeCheckId, ProbeReport, ProbeStatus, RouteResult } from './types';

/** Which static rule each probe check can confirm. */
export const RULE_FOR_CHECK: Partial<Record<ProbeCheckId, string>> = {
  'auth-bypass': 'auth-missing',
  'rate-limit': 'ratelimit-missing',
  cors: 'cors-permissive',
  'webhook-signature': 'webhook-unverified',
  'error-handling': 'error-leak',
  health: 'health-missing',
  'bundle-secrets': 'secret-client-exposed',
};

/** Checks whose verdict is about specific routes: only a result for the same route confirms a route's finding. */
const ROUTE_LEVEL = new Set<ProbeCheckId>(['auth-bypass', 'rate-limit', 'webhook-signature']);

const CHECK_FOR_CONTROL: Partial<Record<ProtectionKind, ProbeCheckId>> = { rateLimit: 'rate-limit', auth: 'auth-bypass', validation: 'error-handling' };

export interface JoinFinding {
  rule: string;
  route: string | null;
  fingerprint: string;
  file: string;
  message: string;
}

export interface RouteNote {
  route: string;
  file?: string;
  line?: number;
  checkId: ProbeCheckId;
  status: ProbeStatus;
  message: string;
}

export interface ConfirmedFinding {
  fingerprint: string;
  rule: string;
  route: string | null;
  checkId: ProbeCheckId;
  evidence: string;
}

export interface ControlVerdict extends DeclaredControl {
  verdict: 'proven' | 'disproven' | 'untested';
  evidence: string;
}

export interface ProbeJoin {
  rows: ProbeRowInput[];
  routes: RouteNote[];
  confirmed: ConfirmedFinding[];
  controls: ControlVerdict[];
}

export function probeRowInputs(report: Pick<ProbeReport, 'checks'>): ProbeRowInput[] {
  return report.checks.map((c) => ({ checkId: c.id, status: c.status }));
}

export function routeResults(c: ProbeCheck): RouteResult[] {
  const r = c.evidence.routes;
  return Array.isArray(r) ? (r as RouteResult[]) : [];
}

function codeSide(checkId: ProbeCheckId, route: Route | undefined): string | undefined {
  if (!route) return undefined;
  const describe = (kind: ProtectionKind, what: string) => {
    const p = route.protections.find((x) => x.kind === kind);
    if (!p) return `no ${what} in code`;
    return p.via === 'declared' ? `declared ${what} "${p.name}"` : `${what} ${p.name} in code`;
  };
  if (checkId === 'rate-limit') return describe('rateLimit', 'limiter');
  if (checkId === 'auth-bypass') return describe('auth', 'auth');
  return undefined;
}

export function joinProbe(report: Pick<ProbeReport, 'checks'>, model: { routes: Route[]; declaredControls: DeclaredControl[] }, findings: JoinFinding[] = []): ProbeJoin {
  const byKey = new Map(model.routes.map((r) => [r.key, r] as const));
  const notes: RouteNote[] = [];
  for (const c of report.checks) {
    for (const rr of routeResults(c)) {
      const route = byKey.get(rr.route);
      const code = codeSide(c.id, route);
      const message = `${rr.route}: ${code ? `${code} and ${rr.note}` : rr.note}`;
      notes.push({ route: rr.route, file: route?.file, line: route?.span.line, checkId: c.id, status: rr.status, message });
    }
  }
  return { rows: probeRowInputs(report), routes: notes, confirmed: confirm(report.checks, findings), controls: model.declaredControls.map((d) => judgeControl(d, report.checks)) };
}

function confirm(checks: ProbeCheck[], findings: JoinFinding[]): ConfirmedFinding[] {
  const out: ConfirmedFinding[] = [];
  for (const c of checks) {
    const rule = RULE_FOR_CHECK[c.id];
    if (!rule || c.status !== 'fail') continue;
    const failing = new Map(routeResults(c).filter((r) => r.status === 'fail').map((r) => [r.route, r.note] as const));
    for (const f of findings.filter((x) => x.rule === rule)) {
      const note = f.route ? failing.get(f.route) : undefined;
      if (note) out.push({ fingerprint: f.fingerprint, rule, route: f.route, checkId: c.id, evidence: note });
      else if (!ROUTE_LEVEL.has(c.id)) out.push({ fingerprint: f.fingerprint, rule, route: f.route, checkId: c.id, evidence: c.summary });
    }
  }
  return out;
}

function judgeControl(d: DeclaredControl, checks: ProbeCheck[]): ControlVerdict {
  const checkId = CHECK_FOR_CONTROL[d.kind];
  const c = checks.find((x) => x.id === checkId);
  if (!checkId || !c) return { ...d, verdict: 'untested', evidence: `the probe has no check for ${d.kind} controls` };
  const matches = picomatch(d.paths);
  const covered = routeResults(c).filter((r) => matches(r.route.slice(r.route.indexOf(' ') + 1)) && (r.status === 'pass' || r.status === 'fail' || r.status === 'warn'));
  if (!covered.length) return { ...d, verdict: 'untested', evidence: c.status === 'skip' ? `${checkId} skipped: ${c.summary}` : `no probed route matches ${d.paths.join(', ')}` };
  const broken = covered.find((r) => r.status === 'fail');
  if (broken) return { ...d, verdict: 'disproven', evidence: `${broken.route}: ${broken.note}` };
  return { ...d, verdict: 'proven', evidence: covered.map((r) => `${r.route}: ${r.note}`).join('; ') };
}
