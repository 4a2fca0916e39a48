/**
 * authz-missing: (a) admin routes (by path, tag or what the handler does: deleting tenants/users, changing roles or
 * plans) without a role check; (b) IDOR: a record read, changed or deleted by a client-controlled id without an
 * owner/tenant predicate from the verified identity and without an ownership check that ends the request first.
 * Follows the id into project helpers two calls deep (lib/dataflow-idor.ts).
 */
import { defineRule, type Finding, type FunctionFacts, type Route, type RuleContext } from './api';
import { unscopedQueries, type Unscoped } from './lib/dataflow-idor';
import { dbQuery } from './lib/db';
import { CLIENT, framesOf, outermostCalls } from './lib/dataflow';
import { authExemption, relatedOf } from './lib/routes';
import { tenantPredicateFix } from './fixes/tenant-predicate';

const ADMIN_MODEL = /^(tenants?|organi[sz]ations?|orgs?|workspaces?|users?|accounts?|teams?|compan(y|ies)|plans?|subscriptions?|roles?|members?)$/i;
const PRIVILEGED_FIELD = /^(role|roles|isadmin|is_admin|admin|plan|tier|permissions|superuser|is_superuser|scopes)$/;
const ROLE_NAME = /^(role|roles|isadmin|is_admin|admin|permissions|permission|claims|scope|scopes|groups|superuser|issuperuser|is_superuser)$/;

const handlerOf = (ctx: RuleContext, route: Route): FunctionFacts | undefined => (route.handlerId ? ctx.model.functions[route.handlerId] : undefined);

/** What an admin-only handler does, when it does something only an admin should ("delete tenants"). */
function adminPurpose(ctx: RuleContext, handler: FunctionFacts): string | undefined {
  for (const frame of framesOf(ctx.model, handler, 2)) {
    for (const call of outermostCalls(frame.fn)) {
      const q = dbQuery(ctx.model.files[frame.file], call, (span) => ctx.slice(frame.file, span));
      if (!q?.model || !ADMIN_MODEL.test(q.model)) continue;
      if (q.op === 'delete' && /^(tenants?|organi[sz]ations?|orgs?|workspaces?|users?|accounts?|compan(y|ies))$/i.test(q.model)) return `delete ${q.model}s`.replace(/ss$/, 's');
      const fields = q.dataKeys.map((p) => p.path.toLowerCase());
      const changed = fields.find((f) => PRIVILEGED_FIELD.test(f));
      if (q.op === 'update' && changed) return `change a ${q.model}'s ${changed}`;
    }
  }
  return undefined;
}

function roleChecked(ctx: RuleContext, route: Route, handler: FunctionFacts | undefined): boolean {
  if (route.protections.some((p) => p.kind === 'role')) return true;
  const fns = [...route.middlewareIds.map((id) => ctx.model.functions[id]).filter(Boolean), ...(handler ? framesOf(ctx.model, handler, 2).map((f) => f.fn) : [])];
  return fns.some((f) => f.guards.some((g) => g.sources.includes('identity') && g.names.some((n) => ROLE_NAME.test(n)) && (g.exit === 'throw' || [401, 403, 404].includes(g.status ?? 0))));
}

/** A handler that only answers (`c.text('pong')`, `({ ok: true })`) exposes nothing worth a role. */
function trivial(handler: FunctionFacts | undefined): boolean {
  return !!handler && handler.calls.every((c) => /^(res|reply|c|ctx|response|Response|NextResponse|JSON)$/.test(c.root ?? '')) && !handler.reads.length;
}

function adminFinding(ctx: RuleContext, route: Route, handler: FunctionFacts | undefined): Finding | undefined {
  if (route.tags.includes('health') || route.method === 'OPTIONS') return undefined;
  const byPath = route.tags.includes('admin') && !trivial(handler);
  // Webhooks change plans and delete workspaces on the provider's word, authenticated by signature, not by role.
  const purpose = handler && !route.tags.includes('webhook') ? adminPurpose(ctx, handler) : undefined;
  if ((!byPath && !purpose) || roleChecked(ctx, route, handler)) return undefined;
  const what = purpose ? `can ${purpose}` : 'is an admin endpoint';
  return ctx.finding({
    file: route.file,
    span: route.span,
    route: route.key,
    message: `${route.key} ${what} but checks no role or admin claim: any signed-in customer can call it.`,
    key: `admin ${route.key}`,
    related: relatedOf(route),
  });
}

function idorMessage(route: Route, u: Unscoped): string {
  const verb = u.query.op === 'read' ? 'reads' : u.query.op === 'update' ? 'changes' : 'deletes';
  const model = u.query.model ?? 'a record';
  const what = u.query.op === 'read' ? 'read' : u.query.op === 'update' ? 'change' : 'delete';
  const via = u.frame.depth > 0 ? ` (in ${u.frame.fn.name ?? 'a helper'})` : '';
  return `${route.key} ${verb} ${model} by ${u.key}${via} without a tenant/owner check: any signed-in customer can ${what} another tenant's ${model === 'a record' ? 'records' : model}.`;
}

function idorFindings(ctx: RuleContext, route: Route, handler: FunctionFacts): Finding[] {
  // Admin routes act across tenants by design: their control is the role check (the admin finding), not a tenant
  // predicate ("delete another tenant's tenant" would be nonsense).
  if (route.tags.includes('admin') || route.protections.some((p) => p.kind === 'role') || authExemption(route)) return [];
  const declared = ctx.model.declaredControls.some((c) => /\b(rls|row[- ]level|tenant|owner)/i.test(c.description) && c.paths.some((p) => route.path.startsWith(p.replace(/\*+$/, '').replace(/\/$/, ''))));
  if (declared) return [];
  return unscopedQueries(ctx.model, handler, CLIENT, { slice: (file, span) => ctx.slice(file, span), text: (file) => ctx.text(file) }).map((u) =>
    ctx.finding({
      file: u.frame.depth === 0 ? u.frame.file : route.file,
      span: u.frame.depth === 0 ? u.query.call.span : route.span,
      route: route.key,
      message: idorMessage(route, u),
      key: `idor ${route.key} ${u.query.model ?? ''} ${u.query.call.callee}`,
      related: [{ message: 'the query', file: u.frame.file, span: u.query.call.span }, ...(relatedOf(route) ?? [])],
      fixes: tenantPredicateFix(ctx, u, handler),
    }),
  );
}

export const authzMissing = defineRule({
  meta: {
    id: 'authz-missing',
    check: 'authz',
    title: 'Missing role or ownership check',
    description: "An authenticated user can reach admin routes without an admin claim, or read/change another tenant's records by id.",
    defaultSeverity: 'error',
    docs: 'rules/docs/authz-missing.md',
    fixable: true,
  },
  detect(ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const route of ctx.routes) {
      const handler = handlerOf(ctx, route);
      const admin = adminFinding(ctx, route, handler);
      if (admin) out.push(admin);
      if (!handler) continue;
      for (const f of idorFindings(ctx, route, handler)) {
        if (seen.has(f.key + f.file)) continue;
        seen.add(f.key + f.file);
        out.push(f);
      }
    }
    return out;
  },
});

