/**
 * Fix for authz-missing IDOR findings: add the tenant/owner predicate from the verified identity to the query's
 * `where: { … }` literal (`{ id, tenantId: req.user.tenantId }`). Offered only when the project already reads that
 * field from the identity somewhere (so the claim exists) and the identity expression is in scope at the query.
 */
import type { Fix, FunctionFacts, RuleContext, ValueFact } from '../api';
import type { Unscoped } from '../lib/dataflow-idor';
import { addProperty } from '../lib/objects';
import { finish } from './common';

const FIELD = /((?:[\w$]+\.)*[\w$]+)\.(tenantId|orgId|organizationId|organisationId|workspaceId|accountId|teamId|companyId)\b/g;

/** Every `<identity>.<tenantField>` the project reads, most used first. */
function identityFields(ctx: Pick<RuleContext, 'model'>): { base: string; field: string }[] {
  const counts = new Map<string, number>();
  const see = (v: ValueFact | undefined) => {
    if (!v?.sources.includes('identity')) return;
    for (const m of v.text.matchAll(FIELD)) counts.set(`${m[1]}|${m[2]}`, (counts.get(`${m[1]}|${m[2]}`) ?? 0) + 1);
    for (const p of v.props ?? []) see(p.value);
  };
  for (const fn of Object.values(ctx.model.functions)) {
    fn.calls.forEach((c) => c.args.forEach(see));
    fn.assignments.forEach((a) => see(a.value));
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k]) => ({ base: k.split('|')[0], field: k.split('|')[1] }));
}

function namesInScope(fn: FunctionFacts): Set<string> {
  return new Set([...fn.params.flatMap((p) => [p.name, ...(p.bindings ?? [])]), ...fn.assignments.map((a) => a.name)]);
}

export function tenantPredicateFix(ctx: Pick<RuleContext, 'model' | 'text' | 'slice'>, u: Unscoped, _handler: FunctionFacts): Fix[] {
  const where = u.query.where;
  const text = ctx.text(u.frame.file);
  if (!where || !text || !where.text.startsWith('{')) return [];
  const inScope = namesInScope(u.frame.fn);
  const pick = identityFields(ctx).find((c) => inScope.has(c.base.split('.')[0]));
  if (!pick || u.query.keys.some((k) => k.path === pick.field || k.path.startsWith(`${pick.field}.`))) return [];
  if (text.slice(where.span.start, where.span.end) !== where.text) return [];
  const edit = addProperty(u.frame.file, text, where.span, `${pick.field}: ${pick.base}.${pick.field}`);
  return [finish(ctx, { title: `Scope the query by ${pick.base}.${pick.field}`, edits: [edit], safe: false })];
}
