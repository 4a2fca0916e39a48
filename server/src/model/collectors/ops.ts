/**
 * The ops collector: where error tracking, tracing and alerting are initialised (`Sentry.init`, `new NodeSDK()`,
 * `registerInstrumentations`, `tracer.init()` of dd-trace, `require('newrelic')`, `Bugsnag.start`, …), recognised by
 * the imported module, so that `monitoring-missing` and the handover draft work from plain facts.
 */
import { ts } from 'ts-morph';
import type { Collector, ExtractContext } from '../adapter';
import type { ImportFact, Span } from '../types';

export interface MonitoringFact {
  /** The tool, by its package family (`sentry`, `opentelemetry`, `datadog`, …). */
  tool: string;
  /** What was seen: the call as written (`Sentry.init`, `new NodeSDK`), or `import dd-trace/init`. */
  what: string;
  span: Span;
}

export interface OpsFacts {
  monitoring: MonitoringFact[];
}

/** Module → tool, and the imported-name paths (`$` = the default/namespace import) whose call initialises it. */
const CATALOGUE: { module: RegExp; tool: string; calls: RegExp }[] = [
  { module: /^@sentry\//, tool: 'sentry', calls: /^(\$|[A-Za-z]+)\.init$|^init$|^withSentryConfig$|^\$\.withSentryConfig$/ },
  { module: /^@opentelemetry\/sdk-node$/, tool: 'opentelemetry', calls: /^new NodeSDK$|^new \$\.NodeSDK$/ },
  { module: /^@opentelemetry\/(instrumentation|sdk-trace-node)$/, tool: 'opentelemetry', calls: /^registerInstrumentations$|^new NodeTracerProvider$/ },
  { module: /^@vercel\/otel$/, tool: 'opentelemetry', calls: /^registerOTel$/ },
  { module: /^dd-trace$/, tool: 'datadog', calls: /^\$\.init$|^init$/ },
  { module: /^@bugsnag\/(js|node|plugin-express)$/, tool: 'bugsnag', calls: /^\$\.start$|^start$/ },
  { module: /^rollbar$/, tool: 'rollbar', calls: /^new \$$|^\$\.init$/ },
  { module: /^@honeybadger-io\/js$/, tool: 'honeybadger', calls: /^\$\.configure$/ },
  { module: /^@highlight-run\/(node|next)$/, tool: 'highlight', calls: /^\$\.init$|^H\.init$|^init$|^withHighlightConfig$/ },
  { module: /^applicationinsights$/, tool: 'azure-monitor', calls: /^\$\.setup$|^setup$/ },
  { module: /^@azure\/monitor-opentelemetry$/, tool: 'azure-monitor', calls: /^useAzureMonitor$/ },
  { module: /^elastic-apm-node$/, tool: 'elastic-apm', calls: /^\$\.start$/ },
  { module: /^@airbrake\/node$/, tool: 'airbrake', calls: /^new Notifier$|^new \$\.Notifier$/ },
  { module: /^datadog-winston$/, tool: 'datadog', calls: /^new \$$/ },
  // Edge runtimes (Cloudflare Workers) cannot run @sentry/node: Sentry comes as Hono middleware or Toucan.
  { module: /^@hono\/sentry$/, tool: 'sentry', calls: /^sentry$|^\$$/ },
  { module: /^toucan-js$/, tool: 'sentry', calls: /^new Toucan$|^new \$$/ },
];
/** Side-effect imports that initialise a tool by themselves. */
const SELF_INIT = /^(dd-trace\/init|newrelic|elastic-apm-node\/start|@opentelemetry\/auto-instrumentations-node\/register|@sentry\/node\/preload)$/;
/** Log shippers configured as pino transports (`target: 'pino-datadog-transport'`). */
const TRANSPORT = /target\s*:\s*['"](pino-datadog-transport|@logtail\/pino|pino-sentry-transport|@axiomhq\/pino|pino-loki|pino-elasticsearch|@betterstack\/pino)['"]/g;

const MAY_APPLY = /@sentry\/|@hono\/sentry|toucan-js|@opentelemetry\/|@vercel\/otel|dd-trace|newrelic|@bugsnag|rollbar|@honeybadger-io|@highlight-run|applicationinsights|@azure\/monitor|elastic-apm|@airbrake|datadog-winston|target\s*:\s*['"]/;

function toolOf(spec: string): { module: RegExp; tool: string; calls: RegExp } | undefined {
  return CATALOGUE.find((c) => c.module.test(spec));
}

/** Local name → { module, imported name } for every import/require binding of the file. */
function importMap(imports: ImportFact[]): Map<string, { spec: string; imported: string }> {
  const map = new Map<string, { spec: string; imported: string }>();
  for (const i of imports) for (const n of i.names) map.set(n.local, { spec: i.spec, imported: n.imported });
  return map;
}

/** `Sentry.init` with `Sentry` a namespace import → `$.init`; `init` named import → `init`. */
function calleePath(expr: ts.Expression, map: ReturnType<typeof importMap>): { spec: string; path: string } | undefined {
  const parts: string[] = [];
  let e: ts.Expression = expr;
  while (ts.isPropertyAccessExpression(e)) {
    parts.unshift(e.name.text);
    e = e.expression;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require') {
    const arg = e.arguments[0];
    return arg && ts.isStringLiteralLike(arg) ? { spec: arg.text, path: ['$', ...parts].join('.') } : undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const imp = map.get(e.text);
  if (!imp) return undefined;
  const head = imp.imported === 'default' || imp.imported === '*' ? '$' : imp.imported;
  return { spec: imp.spec, path: [head, ...parts].join('.') };
}

function collect(ctx: ExtractContext): OpsFacts | undefined {
  const monitoring: MonitoringFact[] = [];
  const map = importMap(ctx.core.imports);
  for (const i of ctx.core.imports) {
    if (SELF_INIT.test(i.spec)) monitoring.push({ tool: i.spec.split('/')[0].replace(/^dd-trace$/, 'datadog'), what: `import ${i.spec}`, span: i.span });
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = calleePath(node.expression, map);
      const entry = callee && toolOf(callee.spec);
      const path = callee && (ts.isNewExpression(node) ? `new ${callee.path}` : callee.path);
      if (entry && path && entry.calls.test(path)) {
        const what = `${ts.isNewExpression(node) ? 'new ' : ''}${node.expression.getText(ctx.sf)}`;
        monitoring.push({ tool: entry.tool, what, span: ctx.span(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  for (const m of ctx.text.matchAll(TRANSPORT)) {
    const line = ctx.text.slice(0, m.index).split('\n').length;
    const column = m.index - ctx.text.lastIndexOf('\n', m.index - 1);
    const span = { start: m.index, end: m.index + m[0].length, line, column, endLine: line, endColumn: column + m[0].length };
    monitoring.push({ tool: m[1], what: `pino transport ${m[1]}`, span });
  }
  return monitoring.length ? { monitoring } : undefined;
}

export const opsCollector: Collector<OpsFacts> = {
  id: 'ops',
  mayApply: (text) => MAY_APPLY.test(text),
  collect,
};
