/**
 * The HANDOVER.md draft behind `readiness handover`: what the code knows (env vars and where they are read, the
 * secrets to own, health routes and monitoring, routes grouped by risk with their protections, open findings) and
 * clearly marked blanks for what only people know (owners, rollback steps, escalation contacts).
 */
import type { ScanResult } from '../scan';
import type { Route, RouteTag, WorkspaceModel } from '../model/types';
import { clientEnvPrefix, isEnvExampleFile, isSecretName, isTestPath } from '../model/secrets/names';
import { mdEscape } from './markdown';
import { isHealthRoute, monitoringEvidence } from '../../../rules/lib/ops';

export interface HandoverOptions {
  /** Service name for the title (the package.json name, else the folder name). */
  name: string;
  /** Date shown in the header, YYYY-MM-DD. */
  date: string;
}

const TODO = (what: string) => `_TODO: ${what}_`;
/** A code span safe inside a Markdown table cell. */
const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|') + '`';

export function renderHandover(scan: ScanResult, options: HandoverOptions): string {
  const { model } = scan;
  const out: string[] = [
    `# Handover: ${mdEscape(options.name)}`,
    '',
    `_Drafted by Launch Readiness on ${options.date} from the code. Facts below come from the code; every_ ` +
      '_`TODO` needs a person who knows the answer. Keep this file next to the code and update it with each change._',
    '',
  ];
  out.push(...summary(scan), ...envSection(model), ...secretsSection(model, scan), ...opsSection(model));
  out.push(...routesSection(model), ...deploySection(), ...escalationSection(), ...findingsSection(scan));
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

function summary(scan: ScanResult): string[] {
  const { model, scorecard } = scan;
  const frameworks = model.frameworks.length ? model.frameworks.join(', ') : 'none detected';
  return [
    '## Summary',
    '',
    `- Service owner: ${TODO('owner (name, team)')}`,
    `- What it does: ${TODO('one sentence for a newcomer')}`,
    `- Routes: ${model.routes.length} (${frameworks})`,
    `- Launch Readiness verdict: **${scorecard.verdict}** (${scan.result.findings.length} open findings; see the end)`,
    '',
  ];
}

interface EnvVar {
  name: string;
  reads: { file: string; line: number }[];
  documentedIn: string[];
}

/** Every env var read by non-test code or listed in a template, with where it is read and where it is documented. */
export function envInventory(model: WorkspaceModel): EnvVar[] {
  const vars = new Map<string, EnvVar>();
  const get = (name: string) => vars.get(name) ?? vars.set(name, { name, reads: [], documentedIn: [] }).get(name)!;
  for (const facts of Object.values(model.files)) {
    if (isTestPath(facts.file)) continue;
    for (const read of facts.env) get(read.name).reads.push({ file: facts.file, line: read.span.line });
  }
  for (const t of Object.values(model.textFiles)) {
    const template = t.kind === 'env' && isEnvExampleFile(t.file);
    if (!template && t.kind !== 'doc') continue;
    for (const n of t.names ?? []) if (template || vars.has(n)) get(n).documentedIn.push(t.file);
  }
  return [...vars.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function envSection(model: WorkspaceModel): string[] {
  const deps = model.dependencies;
  const vars = envInventory(model);
  const out = ['## Environment variables', ''];
  if (!vars.length) return [...out, 'The code reads no environment variables.', ''];
  out.push('| Variable | Read in | Documented in | Secret | Purpose |', '|---|---|---|---|---|');
  for (const v of vars) {
    const reads = v.reads.length
      ? v.reads.slice(0, 2).map((r) => code(`${r.file}:${r.line}`)).join(', ') + (v.reads.length > 2 ? ` (+${v.reads.length - 2} more)` : '')
      : 'not read by the code';
    const documented = v.documentedIn.length ? [...new Set(v.documentedIn)].map(code).join(', ') : '**no**';
    const secret = isSecretName(v.name) ? (clientEnvPrefix(v.name, deps) ? '**exposed to browsers**' : 'yes') : '';
    out.push(`| ${code(v.name)} | ${reads} | ${documented} | ${secret} | ${TODO('purpose')} |`);
  }
  return [...out, ''];
}

function secretsSection(model: WorkspaceModel, scan: ScanResult): string[] {
  const names = envInventory(model).filter((v) => isSecretName(v.name)).map((v) => v.name);
  const out = ['## Secrets to own', ''];
  if (!names.length) out.push('No secret-looking environment variables were found.', '');
  else {
    out.push('| Secret | Stored in | Owner | How to rotate |', '|---|---|---|---|');
    for (const n of names) out.push(`| ${code(n)} | ${TODO('where it is set (hosting env, secret manager)')} | ${TODO('owner')} | ${TODO('rotation steps')} |`);
    out.push('');
  }
  const leaks = scan.result.findings.filter((f) => f.check === 'secrets');
  if (leaks.length) {
    out.push('Secret-handling findings to resolve before handover (rotate anything that was committed):', '');
    for (const f of leaks.slice(0, 20)) out.push(`- ${code(`${f.file}:${f.span.line}`)} ${mdEscape(f.message)}`);
    if (leaks.length > 20) out.push(`- … and ${leaks.length - 20} more (run \`readiness scan\`).`);
    out.push('');
  }
  return out;
}

function opsSection(model: WorkspaceModel): string[] {
  const health = model.routes.filter(isHealthRoute);
  const monitoring = monitoringEvidence(model.files).map((m) => `${m.tool}: ${code(m.what)} in ${code(`${m.file}:${m.line}`)}`);
  const out = ['## Health and monitoring', ''];
  out.push(health.length ? 'Health endpoints:' : `Health endpoints: **none found**. ${TODO('add GET /health')}`);
  for (const r of health) out.push(`- ${code(`${r.method} ${r.path}`)} in ${code(`${r.file}:${r.span.line}`)}`);
  out.push('', monitoring.length ? 'Error tracking and telemetry:' : `Error tracking and telemetry: **none found in code**. ${TODO('tool and where it is set up')}`);
  for (const m of monitoring) out.push(`- ${m}`);
  out.push('', `- Dashboards: ${TODO('links')}`, `- Alerts go to: ${TODO('channel / pager and thresholds')}`, '');
  return out;
}

const RISK_GROUPS: { tag: RouteTag | 'other'; title: string }[] = [
  { tag: 'ai', title: 'AI / chat' },
  { tag: 'auth', title: 'Authentication' },
  { tag: 'webhook', title: 'Webhooks' },
  { tag: 'admin', title: 'Admin' },
  { tag: 'data', title: 'Customer data' },
  { tag: 'other', title: 'Other' },
];

function protection(route: Route, kind: string): string {
  const p = route.protections.filter((x) => x.kind === kind).map((x) => x.name);
  return p.length ? p.map(code).join(', ') : '—';
}

function routesSection(model: WorkspaceModel): string[] {
  const out = ['## Routes by risk', ''];
  if (!model.routes.length) return [...out, 'No routes were found.', ''];
  const placed = new Set<Route>();
  for (const group of RISK_GROUPS) {
    const routes = model.routes.filter((r) => !placed.has(r) && (group.tag === 'other' || r.tags.includes(group.tag)));
    if (!routes.length) continue;
    routes.forEach((r) => placed.add(r));
    out.push(`### ${group.title} (${routes.length})`, '', '| Route | Where | Auth | Roles | Rate limit | Validation |', '|---|---|---|---|---|---|');
    for (const r of routes) {
      const cells = [code(r.key), code(`${r.file}:${r.span.line}`), protection(r, 'auth'), protection(r, 'role'), protection(r, 'rateLimit'), protection(r, 'validation')];
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out;
}

function deploySection(): string[] {
  return [
    '## Deploy and rollback',
    '',
    `- How to deploy: ${TODO('command or pipeline, and who may run it')}`,
    `- Rollback steps: ${TODO('rollback steps (previous release, feature flags)')}`,
    `- Database migrations and how to undo them: ${TODO('migration rollback')}`,
    `- LLM provider limits and fallbacks: ${TODO('quotas, fallback model, kill switch')}`,
    '',
  ];
}

function escalationSection(): string[] {
  return [
    '## Escalation contacts',
    '',
    '| Role | Name | How to reach | Hours |',
    '|---|---|---|---|',
    ...['Service owner', 'On-call engineer', 'Security contact', 'LLM provider account owner', 'Customer support lead'].map(
      (role) => `| ${role} | ${TODO('owner')} | ${TODO('contact')} | ${TODO('hours')} |`,
    ),
    '',
  ];
}

function findingsSection(scan: ScanResult): string[] {
  const out = ['## Launch Readiness scorecard', '', '| Check | Status | Findings |', '|---|---|---|'];
  for (const c of scan.scorecard.checks) out.push(`| ${mdEscape(c.title)} | ${c.status} | ${c.findings} |`);
  return [...out, '', 'Run `readiness scan` for the full list with locations and fixes.', ''];
}
