/**
 * One AST pass over a NestJS file → NestFacts. This module reads controllers (class and method decorators, route
 * paths, parameter decorators with their pipes, fix anchors); collect-app.ts reads the app-wide setup, guard classes
 * and metadata decorators.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from '../../adapter';
import { unwrap } from '../../refs';
import type { HttpMethod } from '../../types';
import { collectStringConstants, evalStrings } from '../common';
import { collectApp } from './collect-app';
import type { NestController, NestDecorator, NestFacts, NestParam, NestRouteFact } from './facts';

const HTTP_DECORATORS: Record<string, HttpMethod> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  All: 'ALL',
  Options: 'OPTIONS',
  Head: 'HEAD',
};

export function collectNest(ctx: ExtractContext): NestFacts | undefined {
  const facts: NestFacts = { controllers: [], guardClasses: [], metaDecorators: [], globalGuards: [], globalPipes: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node)) {
      const controller = readController(ctx, node);
      if (controller) facts.controllers.push(controller);
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  collectApp(ctx, facts);
  const empty =
    !facts.controllers.length && !facts.guardClasses.length && !facts.metaDecorators.length && !facts.bootstrap &&
    !facts.prefix && !facts.globalGuards.length && !facts.globalPipes.length && !facts.consumers && !facts.routerPaths && !facts.modules;
  return empty ? undefined : facts;
}

export function readDecorators(ctx: ExtractContext, node: ts.Node): NestDecorator[] {
  const decorators = ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : [];
  return decorators.map((d) => {
    const e = d.expression;
    const call = ts.isCallExpression(e) ? e : undefined;
    const args = call ? [...call.arguments] : [];
    return {
      name: (call ? call.expression : e).getText(ctx.sf),
      args: args.map((a) => ctx.ref(a)),
      values: args.flatMap((a) => literalValues(ctx, a)),
      span: ctx.span(d),
    };
  });
}

/** `'admin'` → ['admin']; `['a', 'b']` → ['a', 'b']; anything else → its text (`Role.Admin`). */
function literalValues(ctx: ExtractContext, a: ts.Expression): string[] {
  const u = unwrap(a);
  if (ts.isStringLiteralLike(u)) return [u.text];
  if (ts.isArrayLiteralExpression(u)) return u.elements.flatMap((e) => literalValues(ctx, e));
  return [u.getText(ctx.sf)];
}

/** Start of the line holding a node's first decorator (where `@UseGuards(X)` is inserted above it). */
function decoratorLineStart(ctx: ExtractContext, node: ts.Node): number {
  const first = (ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : [])[0];
  const at = first ? first.getStart(ctx.sf) : node.getStart(ctx.sf);
  return ctx.text.lastIndexOf('\n', at - 1) + 1;
}

const constCache = new WeakMap<ts.SourceFile, Map<string, string>>();

/** `'x'`, `['a', 'b']`, or `{ path, version }` → path strings (and versions). */
function readPaths(ctx: ExtractContext, arg: ts.Expression | undefined): { paths: string[]; versions?: string[] } {
  if (!arg) return { paths: [''] };
  const a = unwrap(arg);
  // Literals and same-file constants (`@Controller(ROUTES.x)` stays as its text: it cannot be evaluated here).
  const consts = (constCache.get(ctx.sf) ?? constCache.set(ctx.sf, collectStringConstants(ctx.sf)).get(ctx.sf))!;
  const strings = (n: ts.Expression): string[] => {
    const u = unwrap(n);
    const values = evalStrings(u, consts);
    if (values) return values;
    if (ts.isArrayLiteralExpression(u)) return u.elements.flatMap((e) => strings(e));
    return [`{${u.getText(ctx.sf)}}`];
  };
  if (!ts.isObjectLiteralExpression(a)) return { paths: strings(a) };
  let paths = [''];
  let versions: string[] | undefined;
  for (const p of a.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = p.name.getText(ctx.sf);
    if (key === 'path') paths = strings(p.initializer);
    if (key === 'version') versions = strings(p.initializer);
  }
  return { paths, versions };
}

function readController(ctx: ExtractContext, cls: ts.ClassDeclaration): NestController | undefined {
  const all = readDecorators(ctx, cls);
  const at = all.findIndex((d) => d.name === 'Controller');
  if (at < 0 || !cls.name) return undefined;
  const decl = (ts.getDecorators(cls) ?? [])[at].expression;
  const arg = ts.isCallExpression(decl) ? decl.arguments[0] : undefined;
  const { paths, versions } = readPaths(ctx, arg);
  const routes: NestRouteFact[] = [];
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member) || !member.body) continue;
    const decorators = readDecorators(ctx, member);
    const http = decorators.find((d) => HTTP_DECORATORS[d.name]);
    if (!http) continue;
    const node = (ts.getDecorators(member) ?? []).find((d) => d.getStart(ctx.sf) === http.span.start)!.expression;
    routes.push({
      method: HTTP_DECORATORS[http.name],
      paths: readPaths(ctx, ts.isCallExpression(node) ? node.arguments[0] : undefined).paths,
      span: http.span,
      functionId: ctx.functionId(member),
      decorators: decorators.filter((d) => d !== http),
      params: member.parameters.map((p) => readParam(ctx, p)).filter((p): p is NestParam => !!p),
      decoratorInsert: decoratorLineStart(ctx, member),
    });
  }
  return {
    name: cls.name.text,
    paths,
    versions,
    span: all[at].span,
    decorators: all.filter((_, i) => i !== at),
    routes,
    classDecoratorInsert: decoratorLineStart(ctx, cls),
  };
}

function readParam(ctx: ExtractContext, p: ts.ParameterDeclaration): NestParam | undefined {
  const d = (ts.getDecorators(p) ?? [])[0];
  if (!d) return undefined;
  const call = ts.isCallExpression(d.expression) ? d.expression : undefined;
  const name = (call ? call.expression : d.expression).getText(ctx.sf);
  // `@Body(new ValidationPipe())` takes pipes only; `@Param('id', ParseIntPipe)` a property name first.
  const args = call ? [...call.arguments] : [];
  const pipes = args.filter((a) => !ts.isStringLiteralLike(unwrap(a))).map((a) => ctx.ref(a));
  return { decorator: name, type: p.type ? typeName(ctx, p.type) : undefined, pipes, span: ctx.span(p) };
}

/** `CreateDto[]` → CreateDto, `Array<X>` → X, `Partial<X>` stays `Partial` (not a class). */
function typeName(ctx: ExtractContext, t: ts.TypeNode): string {
  if (ts.isArrayTypeNode(t)) return typeName(ctx, t.elementType);
  if (ts.isTypeReferenceNode(t)) {
    const name = t.typeName.getText(ctx.sf);
    if (name === 'Array' && t.typeArguments?.[0]) return typeName(ctx, t.typeArguments[0]);
    return name;
  }
  return t.getText(ctx.sf).slice(0, 80);
}
