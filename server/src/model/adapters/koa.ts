/**
 * The Koa adapter: `new Koa()` apps and `@koa/router` / `koa-router` routers (`new Router({ prefix })`,
 * `router.prefix()`), their method/use registrations in order, nested `router.use('/x', other.routes())`,
 * `app.use(router.routes())` and koa-mount → Route facts, through the shared chain machinery in `chain/`.
 */
import { ts } from 'ts-morph';
import type { FrameworkAdapter } from '../adapter';
import type { ExprRef } from '../types';
import { evalStrings, literalOfRef } from './common';
import { collectChain, REGISTRATION_HINT, type ChainDialect } from './chain/collect';
import { linkChain } from './chain/link';
import type { ChainFacts } from './chain/types';
import { EXPRESS_METHODS } from './express';

const ROUTER_MODULES = new Set(['@koa/router', 'koa-router']);

/** `{ prefix: '/api' }` in the router's options. */
function prefixOption(node: ts.CallExpression | ts.NewExpression, consts: Map<string, string>): string | undefined {
  const opts = node.arguments?.[0];
  if (!opts || !ts.isObjectLiteralExpression(opts)) return undefined;
  for (const p of opts.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === 'prefix') return evalStrings(p.initializer, consts)?.[0];
  }
  return undefined;
}

const dialect: ChainDialect = {
  methods: { ...EXPRESS_METHODS, del: 'DELETE' },
  prefixCalls: true,
  namedRoutes: true,
  creation(node, imports, consts) {
    if (!(ts.isCallExpression(node) || ts.isNewExpression(node)) || !ts.isIdentifier(node.expression)) return undefined;
    const imp = imports.get(node.expression.text);
    if (!imp) return undefined;
    if (imp.spec === 'koa' && ts.isNewExpression(node)) return { kind: 'app' };
    if (ROUTER_MODULES.has(imp.spec)) return { kind: 'router', prefix: prefixOption(node, consts) };
    return undefined;
  },
};

/** `router.routes()` / `router.middleware()` → `router`. */
function unwrapRoutes(ref: ExprRef): ExprRef | undefined {
  if (ref.kind !== 'call' || ref.callee.kind !== 'member') return undefined;
  const { object, path, span } = ref.callee;
  const last = path[path.length - 1];
  if (last !== 'routes' && last !== 'middleware') return undefined;
  const rest = path.slice(0, -1);
  const text = [object, ...rest].join('.');
  return rest.length ? { kind: 'member', object, path: rest, text, span } : { kind: 'ident', name: object, text, span };
}

const MAY_APPLY = /\bkoa\b|@koa\/router|koa-router/;

export const koaAdapter: FrameworkAdapter<ChainFacts> = {
  id: 'koa',
  framework: 'koa',
  mayApply: (text) => MAY_APPLY.test(text) || REGISTRATION_HINT.test(text),
  collect: (ctx) => collectChain(ctx, dialect),
  link: (ctx) =>
    linkChain(ctx, {
      adapterId: 'koa',
      framework: 'koa',
      endpointMaxParams: 1,
      modules: /^(koa|@koa\/router|koa-router|koa-mount)$/,
      unwrapRoutes,
      mountCall(lctx, file, ref) {
        if (ref.kind !== 'call' || !ref.args.length) return undefined;
        const r = lctx.resolveRef(file, ref.callee);
        if (r.kind !== 'module' || r.module !== 'koa-mount') return undefined;
        const path = ref.args.length > 1 ? literalOfRef(ref.args[0]) : undefined;
        return { path, inner: ref.args[ref.args.length - 1] };
      },
    }),
};
