/**
 * monitoring-missing: no error tracking, tracing or alerting is initialised anywhere (Sentry, OpenTelemetry,
 * Datadog, New Relic, Bugsnag, Rollbar, Honeybadger, Highlight, Azure Monitor, Elastic APM, log shippers). Evidence
 * comes from the ops collector; agents that are usually preloaded with `node -r` count when installed. Repo-level.
 */
import { defineRule } from './api';
import { FILE_START } from './lib/secrets';
import { monitoringEvidence, repoAnchor } from './lib/ops';

/** Agents normally started with `node -r dd-trace/init` or `NODE_OPTIONS`, outside the code. */
const PRELOADED_AGENTS = ['dd-trace', 'newrelic', 'elastic-apm-node', '@opentelemetry/auto-instrumentations-node'];
/** Installed SDKs that do nothing until initialised: named in the message. */
const SDKS = /^(@sentry\/(node|nextjs|nestjs|bun|deno|serverless|aws-serverless|google-cloud-serverless)|@opentelemetry\/sdk-node|@bugsnag\/(js|node)|rollbar|@honeybadger-io\/js|@highlight-run\/(node|next)|applicationinsights|@vercel\/otel)$/;

export const monitoringMissing = defineRule({
  meta: {
    id: 'monitoring-missing',
    check: 'monitoring',
    title: 'No error tracking or alerting',
    description: 'No error tracking / alerting (Sentry, OpenTelemetry, Datadog, …) is configured.',
    defaultSeverity: 'warning',
    docs: 'rules/docs/monitoring-missing.md',
    fixable: false,
  },
  detect(ctx) {
    if (!ctx.model.routes.length) return [];
    if (monitoringEvidence(ctx.model.files).length) return [];
    const deps = Object.keys(ctx.model.dependencies);
    if (deps.some((d) => PRELOADED_AGENTS.includes(d))) return [];
    const file = repoAnchor(ctx.model, ctx.model.routes[0].file);
    if (!file) return [];
    const installed = deps.filter((d) => SDKS.test(d));
    const message = installed.length
      ? `${installed.join(', ')} ${installed.length > 1 ? 'are' : 'is'} installed but never initialised: errors in production reach nobody. Call its init (e.g. Sentry.init) at startup.`
      : 'No error tracking or alerting is set up (Sentry, OpenTelemetry, Datadog, …): customers will find outages and error spikes before the team does.';
    return [ctx.finding({ message, file, span: FILE_START, route: null, key: 'monitoring-missing' })];
  },
});
