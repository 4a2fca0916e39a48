/**
 * Flow-insensitive local taint: evaluates an expression to the Sources it carries and the names it passed through,
 * given what local variables hold so far. Pure over the AST (no type checker); recognises request accessors (see
 * request.ts), identity and validator calls, LLM and database calls, and `process.env`.
 */
import { ts } from 'ts-morph';
import {
  AI_SDK_CALLS,
  DB_READ_STRONG,
  DB_READ_WEAK,
  DB_ROOT_NAMES,
  IDENTITY_CALLS,
  LLM_METHODS,
  LLM_ROOT_NAMES,
  SESSION_CALLS,
} from '../catalogue';
import { unwrap } from '../refs';
import type { Source, Span } from '../types';
import { type FileEnv, isDbModule, isLlmModule, moduleOf, projectModuleHint } from './file-env';
import { callSources, emptyVal, pathSources, type Role, type Val } from './request';

export interface ValueScope {
  sf: ts.SourceFile;
  env: FileEnv;
  span(node: ts.Node): Span;
  vars: Map<string, Val>;
  /** Every Source the function reads, collected as a side effect of evaluation (into each enclosing function). */
  reads: { add(source: Source): void };
  /**
   * Values already computed since the last binding change: one statement evaluates the same subtrees several times
   * (call args, object props, chains), so this keeps the walk linear. Cleared whenever a variable is (re)bound.
   */
  memo: Map<ts.Node, Val>;
}


const WHOLE: Partial<Record<Source, Source>> = { bodyWhole: 'body', headersWhole: 'headers' };
const NOT_VALIDATORS = /^(JSON|Date|url|URL|qs|querystring|path|Number|cookie|parser|yaml|YAML|toml|csv|Papa|marked|dayjs|moment|BigInt|Intl)$/;

/** `res.status(401).json` → 'res.status().json'; undefined parts become `?`. */
export function calleePath(node: ts.Expression): string {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (n.kind === ts.SyntaxKind.SuperKeyword) return 'super';
  if (ts.isPropertyAccessExpression(n)) return `${calleePath(n.expression)}.${n.name.text}`;
  if (ts.isElementAccessExpression(n)) {
    const a = n.argumentExpression;
    return `${calleePath(n.expression)}.${ts.isStringLiteralLike(a) ? a.text : '?'}`;
  }
  if (ts.isCallExpression(n)) return `${calleePath(n.expression)}()`;
  if (ts.isNewExpression(n)) return `${calleePath(n.expression)}()`;
  return '?';
}

/** The root identifier of a member/call chain (`prisma` in `prisma.ticket.findMany`). */
export function rootOf(node: ts.Expression): string | undefined {
  let n = unwrap(node);
  for (;;) {
    if (ts.isIdentifier(n)) return n.text;
    if (n.kind === ts.SyntaxKind.ThisKeyword) return 'this';
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n) || ts.isNewExpression(n)) {
      n = unwrap(n.expression);
    } else return undefined;
  }
}

export function union(...vals: Val[]): Val {
  const out = emptyVal();
  for (const v of vals) {
    for (const s of v.sources) out.sources.add(s);
    for (const n of v.names) if (!out.names.includes(n)) out.names.push(n);
  }
  return out;
}

function withName(v: Val, name: string): Val {
  const n = name.toLowerCase();
  return v.names.includes(n) ? v : { ...v, names: [...v.names, n] };
}

function literalArg(call: ts.CallExpression, i = 0): string | undefined {
  const a = call.arguments[i];
  return a && ts.isStringLiteralLike(a) ? a.text : undefined;
}

/** A property read on a value: extends a role path, or keeps the base's sources (minus "whole object" marks). */
export function member(scope: ValueScope, base: Val, prop: string): Val {
  if (base.role) {
    const path = [...(base.path ?? []), prop];
    const sources = pathSources(base.role, path);
    return withName({ sources: new Set(sources), names: [...base.names], role: base.role, path }, prop);
  }
  const sources = new Set<Source>();
  for (const s of base.sources) sources.add(WHOLE[s] ?? s);
  // `const { data, error } = await supabase.from(…)…`: the query's error object (its message names tables,
  // columns and constraints) is as internal as a caught exception.
  if (prop === 'error' && base.sources.has('dbRecord')) sources.add('error');
  return withName({ sources, names: [...base.names] }, prop);
}

export function valueOf(scope: ValueScope, node: ts.Expression): Val {
  const n = unwrap(node);
  const known = scope.memo.get(n);
  if (known) return known;
  const v = evaluate(scope, n);
  scope.memo.set(n, v);
  return v;
}

function evaluate(scope: ValueScope, n: ts.Expression): Val {
  if (ts.isIdentifier(n)) {
    const v = scope.vars.get(n.text);
    if (v) v.sources.forEach((s) => scope.reads.add(s));
    return withName(v ? { ...v, sources: new Set(v.sources) } : emptyVal(), n.text);
  }
  if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
    const v = accessVal(scope, n);
    // Only the outermost access of a chain is a read: `req.headers.authorization` reads authHeader, not headers.
    if (!isChainInterior(n)) v.sources.forEach((s) => scope.reads.add(s));
    return v;
  }
  if (ts.isCallExpression(n)) return callVal(scope, n);
  if (ts.isNewExpression(n)) return union(...(n.arguments ?? []).map((a) => valueOf(scope, a)));
  if (ts.isBinaryExpression(n)) return union(valueOf(scope, n.left), valueOf(scope, n.right));
  if (ts.isConditionalExpression(n)) return union(valueOf(scope, n.whenTrue), valueOf(scope, n.whenFalse));
  if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) return valueOf(scope, n.operand);
  if (ts.isTypeOfExpression(n) || ts.isVoidExpression(n)) return valueOf(scope, n.expression);
  if (ts.isTemplateExpression(n)) return union(...n.templateSpans.map((s) => valueOf(scope, s.expression)));
  if (ts.isTaggedTemplateExpression(n) && ts.isTemplateExpression(n.template)) {
    return union(...n.template.templateSpans.map((s) => valueOf(scope, s.expression)));
  }
  if (ts.isArrayLiteralExpression(n)) return union(...n.elements.map((e) => valueOf(scope, ts.isSpreadElement(e) ? e.expression : e)));
  if (ts.isSpreadElement(n)) return valueOf(scope, n.expression);
  if (ts.isObjectLiteralExpression(n)) return objectVal(scope, n);
  return emptyVal();
}

function accessVal(scope: ValueScope, n: ts.PropertyAccessExpression | ts.ElementAccessExpression): Val {
  if (isProcessEnv(n)) return { sources: new Set(), names: ['env'], role: 'env', path: [] };
  if (ts.isPropertyAccessExpression(n)) return propertyVal(scope, n.expression, n.name.text);
  const key = n.argumentExpression;
  if (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) return propertyVal(scope, n.expression, key.text);
  return union(member(scope, valueOf(scope, n.expression), '?'), valueOf(scope, key));
}

function isChainInterior(n: ts.Node): boolean {
  let child = n;
  let p = n.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p))) {
    child = p;
    p = p.parent;
  }
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === child) return true;
  return ts.isCallExpression(p) && p.expression === child;
}

/** `process.env` / `import.meta.env`. */
function isProcessEnv(n: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(n) || n.name.text !== 'env') return false;
  const holder = unwrap(n.expression);
  return (ts.isIdentifier(holder) && holder.text === 'process') || ts.isMetaProperty(holder);
}

function propertyVal(scope: ValueScope, object: ts.Expression, prop: string): Val {
  return member(scope, valueOf(scope, object), prop);
}

function objectVal(scope: ValueScope, n: ts.ObjectLiteralExpression): Val {
  const parts: Val[] = [];
  for (const p of n.properties) {
    if (ts.isPropertyAssignment(p)) parts.push(withName(valueOf(scope, p.initializer), p.name.getText(scope.sf)));
    else if (ts.isShorthandPropertyAssignment(p)) parts.push(valueOf(scope, p.name));
    else if (ts.isSpreadAssignment(p)) parts.push(valueOf(scope, p.expression));
  }
  return union(...parts);
}

/** What a call returns: a request accessor, identity/validator/LLM/database result, or its inputs' sources. */
function callVal(scope: ValueScope, call: ts.CallExpression): Val {
  const callee = unwrap(call.expression);
  const path = calleePath(callee);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  const receiver = ts.isPropertyAccessExpression(callee) ? valueOf(scope, callee.expression) : undefined;
  const args = call.arguments.map((a) => valueOf(scope, a));
  const mark = (sources: Source[], names: string[] = []): Val => {
    sources.forEach((s) => scope.reads.add(s));
    return { sources: new Set(sources), names };
  };
  if (receiver?.role && method) {
    const arg = literalArg(call);
    const sources = callSources(receiver.role, receiver.path ?? [], method, arg);
    if (sources) return mark(sources, [...receiver.names, ...(arg ? [arg.toLowerCase()] : [])]);
  }
  // Nest guards and interceptors: `context.switchToHttp().getRequest()` is the request.
  if (method === 'getRequest' || method === 'getResponse') return { ...emptyVal(), role: method === 'getRequest' ? 'req' : 'res', path: [] };
  const special = specialCall(scope, call, path, method);
  if (special) return mark(special, union(...args).names);
  if (ts.isIdentifier(callee)) {
    const role = nextHelperRole(scope, callee.text);
    if (role) return { sources: new Set(), names: [], role, path: [] };
  }
  // `.then(x => …)` and friends are handled by the walker; anything else passes its inputs through.
  const inputs = union(...(receiver && !receiver.role ? [receiver] : []), ...args);
  return inputs;
}

/** `headers()` / `cookies()` imported from `next/headers`. */
function nextHelperRole(scope: ValueScope, name: string): Role | undefined {
  const imp = scope.env.imports.get(name);
  if (imp?.module !== 'next/headers') return undefined;
  return imp.imported === 'headers' ? 'nextHeaders' : imp.imported === 'cookies' ? 'nextCookies' : undefined;
}

function specialCall(scope: ValueScope, call: ts.CallExpression, path: string, method: string | undefined): Source[] | undefined {
  const root = rootOf(call.expression);
  const rootModule = root === 'this' ? scope.env.clients.get(`this.${path.split('.')[1]}`) : moduleOf(scope.env, root);
  if (isValidatorCall(scope, path, method, root, rootModule)) return ['validated'];
  if (SESSION_CALLS.test(path) && !/^(Buffer|base64|atob)/.test(path)) return ['session'];
  if (isCookieHelper(scope, path)) return ['cookie'];
  if (IDENTITY_CALLS.test(path) || (method && /^(getUser|getSession)$/.test(method) && /\.auth(\(\))?$/.test(path.replace(/\.[^.]+$/, '')))) {
    return ['identity'];
  }
  if (isLlmCall(scope, path, method, root, rootModule)) return ['llm'];
  if (isDbRead(path, method, root, rootModule)) return ['dbRecord'];
  return undefined;
}

/** Framework cookie readers called as plain functions: Hono `getSignedCookie(c, secret, 'sid')`, `getCookie(c, 'sid')`. */
function isCookieHelper(scope: ValueScope, path: string): boolean {
  const imp = scope.env.imports.get(path);
  return !!imp && /^(hono\/cookie|cookies-next|h3|vinxi\/http)$/.test(imp.module) && /^(getCookie|getSignedCookie|getCookies|parseCookies)$/.test(imp.imported);
}

function isValidatorCall(scope: ValueScope, path: string, method: string | undefined, root: string | undefined, module: string | undefined): boolean {
  if (!method) return false;
  if (method === 'matchedData') return true;
  if (/^(parse|parseAsync|safeParse|safeParseAsync|spa)$/.test(method)) {
    if (path === method) return /^(valibot|zod)$/.test(module ?? '') || scope.env.imports.get(method)?.module === 'valibot';
    return !!root && !NOT_VALIDATORS.test(root) && !/^(JSON|Date)\./.test(path);
  }
  if (/^(validate|validateAsync|validateSync|validateOrReject|cast|assert|Check|Decode)$/.test(method)) {
    if (path === method) return !!module && /^(class-validator|ajv|valibot|superstruct)$/.test(module);
    return !!root && !NOT_VALIDATORS.test(root) && !/^(console|assert)$/.test(root);
  }
  return false;
}

function isLlmCall(scope: ValueScope, path: string, method: string | undefined, root: string | undefined, module: string | undefined): boolean {
  if (!method) return false;
  if (path === method) {
    const imp = scope.env.imports.get(method);
    return !!imp && imp.module === 'ai' && AI_SDK_CALLS.has(imp.imported);
  }
  if (!LLM_METHODS.test(path.replace(/\(\)/g, ''))) return false;
  if (isLlmModule(module) || projectModuleHint(module) === 'llm') return true;
  const base = root === 'this' ? path.split('.')[1] : root;
  return !!base && LLM_ROOT_NAMES.test(base);
}

function isDbRead(path: string, method: string | undefined, root: string | undefined, module: string | undefined): boolean {
  if (!method || path === method) return false;
  if (DB_READ_STRONG.test(method)) return true;
  if (!DB_READ_WEAK.test(method)) return false;
  if (isDbModule(module) || projectModuleHint(module) === 'db') return true;
  const base = root === 'this' ? path.split('.')[1] : root;
  return !!base && DB_ROOT_NAMES.test(base) && !/^(res|req|ctx|c|request|reply|response|app|router)$/.test(base);
}
