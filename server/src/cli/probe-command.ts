/**
 * `readiness probe URL`: probe a staging URL (and a sending domain) with the bounded, same-origin probe, optionally
 * joined with the code's route inventory (`--routes-from DIR`), and write the report as text, JSON or Markdown.
 * Exit codes: 0 no check failed, 1 a check failed, 2 usage error or unreadable input.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { oneOf, type ParsedArgs } from './args';
import { runProbe, joinProbe, type ProbeOptions } from '../probe';
import { routesFromModel } from '../probe/routes';
import { selectorsFromCode } from '../probe/selectors';
import { readSourceText } from '../source-text';
import { toMarkdown, toText, type ProbeOutput } from '../probe/format';
import { buildScorecard } from '../engine';
import { scanWorkspace, type ScanResult } from '../scan';

const FORMATS = ['text', 'json', 'markdown'] as const;

function intFlag(args: ParsedArgs, name: string): number | undefined {
  const v = args.flags[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new Error(`--${name} must be a whole number (got "${String(v)}")`);
  return n;
}

function headersFlag(list: string[] = []): Record<string, string> | undefined {
  if (!list.length) return undefined;
  const out: Record<string, string> = {};
  for (const h of list) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new Error(`--header must look like "Name: value" (got "${h.slice(0, 20)}")`);
    out[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
  }
  return out;
}

function readCa(file: unknown): string | undefined {
  if (typeof file !== 'string') return undefined;
  if (!existsSync(file)) throw new Error(`--ca ${file}: file not found`);
  const pem = readFileSync(file, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`--ca ${file}: not a PEM certificate`);
  return pem;
}

async function scanRoutes(dir: unknown): Promise<ScanResult | undefined> {
  if (typeof dir !== 'string') return undefined;
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`--routes-from ${dir}: not a folder`);
  return scanWorkspace(root);
}

/** DKIM selectors the scanned workspace's mail configuration names, or undefined (then common ones are tried). */
function codeSelectors(scan: ScanResult | undefined): string[] | undefined {
  if (!scan) return undefined;
  const found = selectorsFromCode([...Object.keys(scan.model.files), ...Object.keys(scan.model.textFiles)], (file) => readSourceText(scan.model.root, file));
  return found.length ? found : undefined;
}

export async function probeCommand(args: ParsedArgs): Promise<number> {
  const format = oneOf('format', args.flags.format, FORMATS, 'text');
  const scan = await scanRoutes(args.flags['routes-from']);
  const probeConfig = scan?.config.probe;
  const url = args.positionals[0] ?? probeConfig?.target;
  if (!url) throw new Error('probe needs a URL: readiness probe https://staging.example.com');
  const str = (name: string) => (typeof args.flags[name] === 'string' ? (args.flags[name] as string) : undefined);
  const options: ProbeOptions = {
    url,
    routes: scan ? routesFromModel(scan.model.routes) : undefined,
    domain: str('domain') ?? probeConfig?.domain,
    dkimSelectors: args.lists['dkim-selector'] ?? probeConfig?.dkimSelectors ?? codeSelectors(scan),
    dnsServer: str('dns-server'),
    ca: readCa(args.flags.ca),
    headers: headersFlag(args.lists.header),
    httpUrl: str('http-url'),
    allowBurst: Boolean(args.flags['allow-burst']),
    allowPost: Boolean(args.flags['allow-post']),
    burst: intFlag(args, 'burst'),
    budget: intFlag(args, 'budget'),
    timeoutMs: intFlag(args, 'timeout'),
  };
  const progress = process.stderr.isTTY ? (m: string, pct: number) => process.stderr.write(`\r[${String(pct).padStart(3)}%] ${m.padEnd(30)}`) : undefined;
  const report: ProbeOutput = await runProbe(options, { onProgress: progress });
  if (progress) process.stderr.write('\n');
  if (scan) {
    report.join = joinProbe(report, scan.model, scan.result.findings);
    const card = buildScorecard(scan.result, report.join.rows);
    report.scorecard = { verdict: card.verdict, checks: card.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, source: c.source })) };
  }
  const text = format === 'json' ? JSON.stringify(report, null, 2) + '\n' : format === 'markdown' ? toMarkdown(report) : toText(report);
  if (typeof args.flags.output === 'string') writeFileSync(args.flags.output, text);
  else process.stdout.write(text);
  return report.checks.some((c) => c.status === 'fail') ? 1 : 0;
}
