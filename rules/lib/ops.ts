/**
 * Shared helpers of the ops/handover rules: which env vars are documented, which are set by the platform, where
 * repo-level findings point, and what counts as a health route or a runbook.
 */
import type { FileFacts, Route, TextFileFacts, WorkspaceModel } from '../api';
import type { OpsFacts } from '../../server/src/model/collectors/ops';
import { isEnvExampleFile } from '../../server/src/model/secrets/names';

/** Variables the runtime or hosting platform sets: nobody has to configure or document them. */
const PLATFORM_VARS = new Set([
  'NODE_ENV', 'PORT', 'HOST', 'HOSTNAME', 'CI', 'TZ', 'HOME', 'PATH', 'PWD', 'USER', 'SHELL', 'LANG', 'TMPDIR', 'DEBUG',
  'NEXT_RUNTIME', 'NEXT_PHASE', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'npm_package_version', 'npm_lifecycle_event',
  'K_SERVICE', 'K_REVISION', 'GAE_ENV', 'FUNCTION_TARGET', 'LAMBDA_TASK_ROOT', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'NETLIFY', 'URL', 'DEPLOY_URL', 'RENDER', 'GITHUB_ACTIONS', 'JEST_WORKER_ID', 'VITEST', 'TEST',
]);
const PLATFORM_PREFIXES = /^(VERCEL_|VERCEL$|RAILWAY_|FLY_|RENDER_|HEROKU_|AWS_LAMBDA_|npm_|GITHUB_|RUNNER_|CF_PAGES|NX_|TURBO_)/;

export function isPlatformVar(name: string): boolean {
  return PLATFORM_VARS.has(name) || PLATFORM_PREFIXES.test(name);
}

/** Env var names written down for the next person: env templates plus names mentioned in docs. */
export function documentedEnvNames(model: WorkspaceModel): Set<string> {
  const names = new Set<string>();
  for (const t of Object.values(model.textFiles)) {
    if ((t.kind === 'env' && isEnvExampleFile(t.file)) || t.kind === 'doc') for (const n of t.names ?? []) names.add(n);
  }
  return names;
}

/** The file a repo-level finding points at: the root package.json, else the shallowest one, else a fallback. */
export function repoAnchor(model: WorkspaceModel, fallback?: string): string | undefined {
  if (model.textFiles['package.json']) return 'package.json';
  const pkgs = Object.keys(model.textFiles)
    .filter((f) => model.textFiles[f].kind === 'package-json')
    .sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  return pkgs[0] ?? fallback;
}

const HEALTH_PATH = /\/(health|healthz|healthcheck|health-check|_health|ready|readyz|readiness|live|livez|liveness|ping|heartbeat|status)(\/|$)/i;

export function isHealthRoute(route: Route): boolean {
  return route.tags.includes('health') || HEALTH_PATH.test(route.path);
}

/** Runbook-ish docs, most specific first: HANDOVER, RUNBOOK, OPERATIONS, docs/runbook*, ops/, then the README. */
export function runbookDocs(model: WorkspaceModel): TextFileFacts[] {
  const docs = Object.values(model.textFiles).filter((t) => t.kind === 'doc');
  const rank = (f: string): number => {
    const base = f.slice(f.lastIndexOf('/') + 1).toLowerCase();
    if (/^(handover|runbook|operations|ops|on-?call|playbook)[\w.-]*\.md$/.test(base)) return 0;
    if (/^(docs?|runbooks?|ops)\//i.test(f) && /runbook|operat|deploy|incident|handover|on-?call|rollback/.test(base)) return 1;
    if (/^readme\.md$/.test(base) && !f.includes('/')) return 2;
    return 9;
  };
  return docs.filter((d) => rank(d.file) < 9).sort((a, b) => rank(a.file) - rank(b.file) || (a.file < b.file ? -1 : 1));
}

/** The parts a handover needs, each recognised by headings (lower-cased) and, for env vars, listed names. */
export const HANDOVER_PARTS: { id: string; label: string; heading: RegExp }[] = [
  { id: 'env', label: 'environment variables', heading: /env|environment|config(uration)?|variables|settings/ },
  { id: 'secrets', label: 'secrets ownership', heading: /secret|credential|api keys?|keys|ownership|owners?\b|access/ },
  { id: 'rollback', label: 'rollback steps', heading: /roll ?back|revert|restore|recovery|disaster/ },
  { id: 'escalation', label: 'escalation contacts', heading: /escalat|on-?call|contacts?|incident|pager|support|who to call/ },
];

/** Which handover parts a set of docs covers. An env section also counts when docs list the variables by name. */
export function coveredParts(docs: TextFileFacts[]): Set<string> {
  const covered = new Set<string>();
  for (const d of docs) {
    for (const part of HANDOVER_PARTS) if ((d.headings ?? []).some((h) => part.heading.test(h))) covered.add(part.id);
    if ((d.names ?? []).length >= 2) covered.add('env');
  }
  return covered;
}

/** Where error tracking / telemetry is initialised, from the ops collector's facts. */
export function monitoringEvidence(files: Record<string, FileFacts>): { file: string; line: number; tool: string; what: string }[] {
  const out: { file: string; line: number; tool: string; what: string }[] = [];
  for (const facts of Object.values(files)) {
    const ops = facts.collected.ops as OpsFacts | undefined;
    for (const m of ops?.monitoring ?? []) out.push({ file: facts.file, line: m.span.line, tool: m.tool, what: m.what });
  }
  return out;
}
