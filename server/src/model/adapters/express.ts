/**
 * The Express adapter: `express()` apps, `express.Router()`/`Router()` routers, their method/route()/use()
 * registrations (in order), routers mounted across files (ESM, `require`, `module.exports`, factories, sub-apps)
 * → Route facts. The shared chain machinery lives in `chain/`; this file only knows Express's syntax.
 */
import { ts } from 'ts-morph';
import type { FrameworkAdapter } from '../adapter';
import type { HttpMethod } from '../types';
import { collectChain, REGISTRATION_HINT, type ChainDialect, type ImportMap } from './chain/collect';
import { linkChain } from './chain/link';
import type { ChainFacts } from './chain/types';

export const EXPRESS_METHODS: Record<string, HttpMethod> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  all: 'ALL',
};

/** `express` default/namespace import (or `require('express')`) bound to `name`. */
function isExpressModule(name: string, imports: ImportMap): boolean {
  const imp = imports.get(name);
  return !!imp && imp.spec === 'express' && (imp.imported === 'default' || imp.imported === '*');
}

function isRequireExpress(node: ts.Expression): boolean {
  const arg = ts.isCallExpression(node) ? node.arguments[0] : undefined;
  return !!arg && ts.isIdentifier((node as ts.CallExpression).expression) && ((node as ts.CallExpression).expression as ts.Identifier).text === 'require' && ts.isStringLiteralLike(arg) && arg.text === 'express';
}

const dialect: ChainDialect = {
  methods: EXPRESS_METHODS,
  routeChains: true,
  creation(node, imports) {
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return undefined;
    const callee = node.expression;
    if (ts.isIdentifier(callee)) {
      if (ts.isCallExpression(node) && isExpressModule(callee.text, imports)) return { kind: 'app' };
      const imp = imports.get(callee.text);
      if (imp?.spec === 'express' && imp.imported === 'Router') return { kind: 'router' };
      return undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'Router') {
      const obj = callee.expression;
      if ((ts.isIdentifier(obj) && isExpressModule(obj.text, imports)) || isRequireExpress(obj)) return { kind: 'router' };
    }
    if (ts.isCallExpression(node) && isRequireExpress(callee)) return { kind: 'app' };
    return undefined;
  },
};

/** Files that mention express, or register on something named like an app/router from elsewhere. */
const MAY_APPLY = /\bexpress\b/;

export const expressAdapter: FrameworkAdapter<ChainFacts> = {
  id: 'express',
  framework: 'express',
  mayApply: (text) => MAY_APPLY.test(text) || REGISTRATION_HINT.test(text),
  collect: (ctx) => collectChain(ctx, dialect),
  link: (ctx) => linkChain(ctx, { adapterId: 'express', framework: 'express', endpointMaxParams: 2, modules: /^express$/, claimsUnmarked: true }),
};
