/**
 * The "Add auth guard" quick fix for every framework. It reuses the project's most common auth guard (imported from
 * its real module), or creates a small deny-by-default guard module when the project has none, and puts it where
 * the framework expects: route middleware (Express, Koa, Hono), `onRequest` (Fastify), `@UseGuards` (NestJS), or a
 * session check with an early 401 at the top of a Next.js route handler (see add-auth-next.ts).
 */
import type { Fix, Route, TextEdit } from '../api';
import { indentAt, type ImportSource } from '../lib/edits';
import { addToArrayProperty } from '../lib/objects';
import { commonGuard } from '../lib/routes';
import { existingExport, flavorOf, guardSource, helperPath, importsFor, usageOf, type FixContext } from './common';
import { nextAuthFix } from './add-auth-next';
import { authModuleSource, jwtLibraryOf } from './templates';

/** A guard expression to insert, the imports it needs, and the module to create when there was none. */
export interface GuardPlan {
  expr: string;
  sources: ImportSource[];
  createFiles?: { file: string; text: string }[];
  reused: boolean;
  /** Overrides "safe when reused" (a reuse the reviewer should still confirm). */
  safe?: boolean;
  note?: string;
}

export const AUTH_FIX_TITLE = 'Add auth guard';

export function addAuthGuardFix(ctx: FixContext, route: Route): Fix | undefined {
  if (route.framework === 'nextjs') return nextAuthFix(ctx, route);
  const plan = reusedGuard(ctx, route) ?? createdGuard(ctx, route);
  if (!plan) return undefined;
  const placed = placeGuard(ctx, route, plan.expr);
  if (!placed) return undefined;
  const imports = importsFor(ctx, route.file, [...plan.sources, ...placed.sources]);
  if (!imports) return undefined;
  return {
    title: plan.reused ? `${AUTH_FIX_TITLE} (${plan.expr})` : `${AUTH_FIX_TITLE} (create ${plan.createFiles?.[0]?.file ?? plan.expr})`,
    edits: [...imports, ...placed.edits],
    createFiles: plan.createFiles,
    safe: plan.safe ?? plan.reused,
    note: plan.note,
  };
}

/** The project's own guard, when one is used with this framework and can be imported into the route's file. */
function reusedGuard(ctx: FixContext, route: Route): GuardPlan | undefined {
  const p = commonGuard(ctx.model.guards, ['auth'], route);
  if (!p) return undefined;
  const expr = usageOf(ctx, p);
  const src = guardSource(ctx, p, expr, route.file);
  if (src) return { expr, sources: src === 'local' ? [] : [src], reused: true };
  return route.framework === 'fastify' ? fastifyDecorator(ctx, route, expr) : undefined;
}

/**
 * A Fastify instance decorator (`app.authenticate`) used with another instance variable: the same decorator through
 * the route's own instance (`fastify.authenticate`). Not marked safe: plugin encapsulation decides whether the
 * decorator is visible there, which the reviewer should confirm.
 */
function fastifyDecorator(ctx: FixContext, route: Route, expr: string): GuardPlan | undefined {
  const member = /^[A-Za-z_$][\w$]*\.([A-Za-z_$][\w$]*)$/.exec(expr)?.[1];
  const receiver = /^\s*([A-Za-z_$][\w$]*)\s*\./.exec(ctx.slice(route.file, route.span))?.[1];
  if (!member || !receiver) return undefined;
  return { expr: `${receiver}.${member}`, sources: [], reused: true, safe: false };
}

/** A new guard module (or the one an earlier fix created), verifying bearer tokens with the project's JWT library. */
function createdGuard(ctx: FixContext, route: Route): GuardPlan | undefined {
  const folder = route.framework === 'nestjs' ? 'auth' : 'middleware';
  const flavor = flavorOf(ctx, route.file);
  const jwt = jwtLibraryOf(ctx.model.dependencies);
  const { text, name } = authModuleSource(route.framework, flavor, jwt);
  const file = helperPath(ctx, route, folder, route.framework === 'nestjs' ? 'bearer-auth.guard' : 'require-auth', name);
  const source: ImportSource = { file, imported: name, local: name };
  if (existingExport(ctx, file, name)) return { expr: name, sources: [source], reused: true };
  if (ctx.model.files[file]) return undefined;
  const note = jwt
    ? `Creates ${file}, which verifies bearer tokens with ${jwt} and JWT_SECRET.`
    : `Creates ${file}, which rejects every request with 401 until you finish verifyToken() (no JWT library in package.json).`;
  return { expr: name, sources: [source], createFiles: [{ file, text }], reused: false, note };
}

/** The edits that put `expr` in front of the route, and any framework import they need. */
function placeGuard(ctx: FixContext, route: Route, expr: string): { edits: TextEdit[]; sources: ImportSource[] } | undefined {
  const text = ctx.text(route.file);
  const anchors = route.anchors;
  if (text === undefined || !anchors) return undefined;
  const at = (offset: number, newText: string): TextEdit => ({ file: route.file, start: offset, end: offset, newText });
  switch (route.framework) {
    case 'express':
    case 'koa':
    case 'hono':
      return anchors.middlewareInsert === undefined ? undefined : { edits: [at(anchors.middlewareInsert, `${expr}, `)], sources: [] };
    case 'fastify': {
      if (anchors.optionsObject) {
        const edit = addToArrayProperty(route.file, text, anchors.optionsObject, 'onRequest', expr);
        return edit && { edits: [edit], sources: [] };
      }
      return anchors.middlewareInsert === undefined ? undefined : { edits: [at(anchors.middlewareInsert, `{ onRequest: [${expr}] }, `)], sources: [] };
    }
    case 'nestjs':
      return nestGuard(ctx, route, text, expr);
    default:
      return undefined;
  }
}

/** `@UseGuards(X)` above the method, or X added to the method's existing `@UseGuards(...)`. */
function nestGuard(ctx: FixContext, route: Route, text: string, expr: string): { edits: TextEdit[]; sources: ImportSource[] } | undefined {
  const handler = route.handlerId ? ctx.model.functions[route.handlerId] : undefined;
  const existing = handler?.decorators.find((d) => d.name === 'UseGuards');
  if (existing && text[existing.span.end - 1] === ')') {
    const close = existing.span.end - 1;
    const sep = existing.args.length ? ', ' : '';
    return { edits: [{ file: route.file, start: close, end: close, newText: `${sep}${expr}` }], sources: [] };
  }
  const insert = route.anchors?.decoratorInsert;
  if (insert === undefined) return undefined;
  const indent = indentAt(text, insert + 1);
  return {
    edits: [{ file: route.file, start: insert, end: insert, newText: `${indent}@UseGuards(${expr})\n` }],
    sources: [{ module: '@nestjs/common', imported: 'UseGuards', local: 'UseGuards' }],
  };
}
