/**
 * health-missing: the service has routes but none is a health endpoint (tagged `health`, or a path such as
 * `/health`, `/healthz`, `/ready`, `/ping`), and no health-check library is installed. Repo-level: the finding
 * points at package.json, line 1. Silent when the workspace has no routes at all (nothing is served).
 */
import { defineRule } from './api';
import { FILE_START } from './lib/secrets';
import { isHealthRoute, repoAnchor } from './lib/ops';

/** Libraries that serve health endpoints without a route the adapters would see. */
const HEALTH_LIBRARIES = ['@godaddy/terminus', 'lightship', 'express-healthcheck', 'express-actuator', 'fastify-healthcheck', '@cloudnative/health-connect', 'http-terminator-health'];

export const healthMissing = defineRule({
  meta: {
    id: 'health-missing',
    check: 'monitoring',
    title: 'No health endpoint',
    description: 'The service has no health endpoint for load balancers and uptime checks.',
    defaultSeverity: 'warning',
    docs: 'rules/docs/health-missing.md',
    fixable: false,
  },
  detect(ctx) {
    const routes = ctx.model.routes;
    if (!routes.length || routes.some(isHealthRoute)) return [];
    if (HEALTH_LIBRARIES.some((lib) => ctx.model.dependencies[lib])) return [];
    const file = repoAnchor(ctx.model, routes[0].file);
    if (!file) return [];
    const message =
      `${routes.length === 1 ? 'The only route is not' : `None of the ${routes.length} routes is`} a health endpoint: ` +
      'load balancers, uptime checks and on-call cannot tell ' +
      'whether the API is up. Add GET /health that checks the database (and the LLM provider, with a short timeout) and returns 200.';
    return [ctx.finding({ message, file, span: FILE_START, route: null, key: 'health-missing' })];
  },
});
