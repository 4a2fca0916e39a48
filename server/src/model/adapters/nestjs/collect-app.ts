/**
 * NestJS app-wide facts of one file: bootstrap (`NestFactory.create`), `setGlobalPrefix` with its excludes,
 * `useGlobalGuards`/`useGlobalPipes`, `enableVersioning`, `APP_GUARD`/`APP_PIPE` providers, guard classes and
 * metadata decorators (`SetMetadata`, `Reflector.createDecorator`, `applyDecorators`).
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from '../../adapter';
import { memberPath, unwrap } from '../../refs';
import type { ExprRef, HttpMethod } from '../../types';
import type { MetaKey, NestConsumer, NestFacts, NestGuardClass, NestMetaDecorator, NestPrefix, NestRouteSel } from './facts';

export function collectApp(ctx: ExtractContext, facts: NestFacts): void {
  const uses: ExprRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      readCall(ctx, node, facts);
      readUseOrConsumer(ctx, node, facts, uses);
    }
    else if (ts.isObjectLiteralExpression(node)) readProvider(ctx, node, facts);
    else if (ts.isClassDeclaration(node)) {
      const guard = readGuardClass(ctx, node);
      if (guard) facts.guardClasses.push(guard);
      readModule(ctx, node, facts);
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  // `x.use(mw)` means Nest app middleware only in the file that bootstraps the app.
  if (facts.bootstrap && uses.length) facts.appUses = uses;
  for (const stmt of ctx.sf.statements) facts.metaDecorators.push(...readMetaDecorators(ctx, stmt));
}

/** `app.use(helmet(), limiter)`, and `consumer.apply(A).exclude(...).forRoutes(...)` chains. */
function readUseOrConsumer(ctx: ExtractContext, call: ts.CallExpression, facts: NestFacts, uses: ExprRef[]): void {
  if (!ts.isPropertyAccessExpression(call.expression)) return;
  const name = call.expression.name.text;
  if (name === 'use' && ts.isIdentifier(call.expression.expression)) uses.push(...call.arguments.map((a) => ctx.ref(a)));
  if (name !== 'forRoutes') return;
  const consumer: NestConsumer = { apply: [], forRoutes: routeSels(ctx, call.arguments), exclude: [], span: ctx.span(call) };
  let e: ts.Expression = call.expression.expression;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const step = e.expression.name.text;
    if (step === 'apply') consumer.apply.push(...e.arguments.map((a) => ctx.ref(a)));
    if (step === 'exclude') consumer.exclude.push(...routeSels(ctx, e.arguments));
    e = e.expression.expression;
  }
  if (consumer.apply.length) (facts.consumers ??= []).push(consumer);
}

function routeSels(ctx: ExtractContext, args: readonly ts.Expression[]): NestRouteSel[] {
  const out: NestRouteSel[] = [];
  for (const a of args.map(unwrap)) {
    if (ts.isStringLiteralLike(a)) out.push({ path: a.text });
    else if (ts.isIdentifier(a)) out.push({ controller: a.text });
    else if (ts.isObjectLiteralExpression(a)) {
      const p = propInit(ctx, a, 'path');
      const m = propInit(ctx, a, 'method');
      const verb = m ? memberPath(m)?.pop()?.toUpperCase() : undefined;
      if (p && ts.isStringLiteralLike(p)) out.push({ path: p.text, method: verb && verb !== 'ALL' ? (verb as HttpMethod) : undefined });
    }
  }
  return out;
}

function readCall(ctx: ExtractContext, call: ts.CallExpression, facts: NestFacts): void {
  const path = memberPath(call.expression);
  const method = path?.[path.length - 1];
  if (path?.join('.') === 'NestFactory.create' || path?.join('.') === 'NestFactory.createApplicationContext') facts.bootstrap = true;
  if (!path || path.length < 2) return;
  if (method === 'setGlobalPrefix' && call.arguments[0] && ts.isStringLiteralLike(unwrap(call.arguments[0]))) {
    facts.prefix = readPrefix(ctx, call);
  } else if (method === 'useGlobalGuards') facts.globalGuards.push(...call.arguments.map((a) => ctx.ref(a)));
  else if (method === 'useGlobalPipes') facts.globalPipes.push(...call.arguments.map((a) => ctx.ref(a)));
  else if (method === 'enableVersioning') facts.versioning = readVersioning(ctx, call.arguments[0]);
  else if (path.join('.') === 'RouterModule.register' && call.arguments[0]) readRoutes(ctx, unwrap(call.arguments[0]), '', facts);
}

/** `@Module({ controllers: [A, B] })`: which controllers a module declares (RouterModule prefixes go by module). */
function readModule(ctx: ExtractContext, cls: ts.ClassDeclaration, facts: NestFacts): void {
  const d = (ts.getDecorators(cls) ?? []).find((x) => ts.isCallExpression(x.expression) && x.expression.expression.getText(ctx.sf) === 'Module');
  const arg = d && ts.isCallExpression(d.expression) ? d.expression.arguments[0] : undefined;
  const obj = arg && unwrap(arg);
  if (!cls.name || !obj || !ts.isObjectLiteralExpression(obj)) return;
  const list = propInit(ctx, obj, 'controllers');
  const controllers = list && ts.isArrayLiteralExpression(list) ? list.elements.filter(ts.isIdentifier).map((e) => e.text) : [];
  if (controllers.length) (facts.modules ??= []).push({ name: cls.name.text, controllers });
}

/** RouterModule routes, children joined onto their parent's path. */
function readRoutes(ctx: ExtractContext, list: ts.Expression, parent: string, facts: NestFacts): void {
  if (!ts.isArrayLiteralExpression(list)) return;
  for (const el of list.elements.map(unwrap)) {
    if (!ts.isObjectLiteralExpression(el)) continue;
    const p = propInit(ctx, el, 'path');
    const path = parent + '/' + (p && ts.isStringLiteralLike(p) ? p.text : '');
    const mod = propInit(ctx, el, 'module');
    if (mod && ts.isIdentifier(mod)) (facts.routerPaths ??= []).push({ module: mod.text, path, span: ctx.span(el) });
    const children = propInit(ctx, el, 'children');
    if (children) readRoutes(ctx, children, path, facts);
  }
}

function readPrefix(ctx: ExtractContext, call: ts.CallExpression): NestPrefix {
  const value = (unwrap(call.arguments[0]) as ts.StringLiteralLike).text;
  const exclude: NestPrefix['exclude'] = [];
  const opts = call.arguments[1] && unwrap(call.arguments[1]);
  const list = opts && ts.isObjectLiteralExpression(opts) ? propInit(ctx, opts, 'exclude') : undefined;
  if (list && ts.isArrayLiteralExpression(list)) {
    for (const el of list.elements.map(unwrap)) {
      if (ts.isStringLiteralLike(el)) exclude.push({ path: el.text });
      else if (ts.isObjectLiteralExpression(el)) {
        const p = propInit(ctx, el, 'path');
        const m = propInit(ctx, el, 'method');
        const verb = m ? memberPath(m)?.pop()?.toUpperCase() : undefined;
        if (p && ts.isStringLiteralLike(p)) exclude.push({ path: p.text, method: verb && verb !== 'ALL' ? (verb as HttpMethod) : undefined });
      }
    }
  }
  return { value, exclude, span: ctx.span(call) };
}

function propInit(ctx: ExtractContext, obj: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText(ctx.sf).replace(/['"]/g, '') === key) return unwrap(p.initializer);
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
  }
  return undefined;
}

function readVersioning(ctx: ExtractContext, arg: ts.Expression | undefined): NestFacts['versioning'] {
  const opts = arg && unwrap(arg);
  if (!opts || !ts.isObjectLiteralExpression(opts)) return { uri: false, prefix: 'v' };
  const type = propInit(ctx, opts, 'type')?.getText(ctx.sf) ?? '';
  const prefix = propInit(ctx, opts, 'prefix');
  const def = propInit(ctx, opts, 'defaultVersion');
  const strings = (e: ts.Expression | undefined): string[] | undefined =>
    !e ? undefined : ts.isStringLiteralLike(e) ? [e.text] : ts.isArrayLiteralExpression(e) ? e.elements.flatMap((x) => strings(unwrap(x)) ?? []) : undefined;
  return {
    uri: /URI$/.test(type),
    prefix: prefix && ts.isStringLiteralLike(prefix) ? prefix.text : prefix?.kind === ts.SyntaxKind.FalseKeyword ? '' : 'v',
    defaultVersion: strings(def),
  };
}

/** `{ provide: APP_GUARD, useClass: JwtAuthGuard }` (also useExisting / useValue / useFactory). */
function readProvider(ctx: ExtractContext, obj: ts.ObjectLiteralExpression, facts: NestFacts): void {
  const provide = propInit(ctx, obj, 'provide')?.getText(ctx.sf);
  if (provide !== 'APP_GUARD' && provide !== 'APP_PIPE') return;
  const value = ['useClass', 'useExisting', 'useValue', 'useFactory'].map((k) => propInit(ctx, obj, k)).find((v) => v);
  if (!value) return;
  (provide === 'APP_GUARD' ? facts.globalGuards : facts.globalPipes).push(ctx.ref(value));
}

function readGuardClass(ctx: ExtractContext, cls: ts.ClassDeclaration): NestGuardClass | undefined {
  if (!cls.name) return undefined;
  const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const implementsCanActivate = cls.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText(ctx.sf) === 'CanActivate'));
  const methods = cls.members.filter(ts.isMethodDeclaration).map((m) => m.name.getText(ctx.sf));
  const canActivate = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText(ctx.sf) === 'canActivate' && !!m.body);
  const extendsGuard = ext && /Guard\b/.test(ext.expression.getText(ctx.sf));
  if (!implementsCanActivate && !canActivate && !extendsGuard) return undefined;
  return {
    name: cls.name.text,
    span: ctx.span(cls.name),
    extends: ext ? ctx.ref(ext.expression) : undefined,
    canActivateId: canActivate ? ctx.functionId(canActivate) : undefined,
    reads: reflectorReads(ctx, cls),
    methods,
  };
}

/** `this.reflector.getAllAndOverride(IS_PUBLIC_KEY, [...])`, `reflector.get(Roles, ...)` → the keys read. */
function reflectorReads(ctx: ExtractContext, cls: ts.ClassDeclaration): MetaKey[] {
  const keys: MetaKey[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments[0]) {
      const isRead = /^(get|getAll|getAllAndOverride|getAllAndMerge)$/.test(node.expression.name.text);
      const onReflector = /reflector/i.test(node.expression.expression.getText(ctx.sf));
      if (isRead && onReflector) keys.push(metaKey(unwrap(node.arguments[0])));
    }
    ts.forEachChild(node, visit);
  };
  visit(cls);
  return keys;
}

function metaKey(e: ts.Expression): MetaKey {
  if (ts.isStringLiteralLike(e)) return { literal: e.text };
  return { ident: memberPath(e)?.join('.') ?? e.getText() };
}

/** Module-level decorator factories built from `SetMetadata`, `Reflector.createDecorator` or `applyDecorators`. */
function readMetaDecorators(ctx: ExtractContext, stmt: ts.Statement): NestMetaDecorator[] {
  const found: [string, ts.Node, ts.Node][] = [];
  if (ts.isFunctionDeclaration(stmt) && stmt.name && stmt.body) found.push([stmt.name.text, stmt.body, stmt.name]);
  if (ts.isVariableStatement(stmt)) {
    for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) found.push([d.name.text, d.initializer, d.name]);
  }
  const out: NestMetaDecorator[] = [];
  for (const [name, body, nameNode] of found) {
    const meta: NestMetaDecorator = { name, keys: [], guards: [], span: ctx.span(nameNode) };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = memberPath(node.expression)?.join('.');
        if (callee === 'SetMetadata' && node.arguments[0]) {
          meta.keys.push(metaKey(unwrap(node.arguments[0])));
          if (node.arguments[1]?.kind === ts.SyntaxKind.FalseKeyword) meta.falseValue = true;
        }
        if (callee === 'Reflector.createDecorator') meta.keys.push({ literal: name });
        if (callee === 'UseGuards') meta.guards.push(...node.arguments.map((a) => ctx.ref(a)));
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    if (meta.keys.length || meta.guards.length) out.push(meta);
  }
  return out;
}
