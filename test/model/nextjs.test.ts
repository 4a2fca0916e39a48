import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanFixture, scanFolder } from '../helpers/scan';
import { matcherRegExp, nextFileInfo, samplePath, toPath } from '../../server/src/model/adapters/nextjs/paths';
import type { WorkspaceModel } from '../../server/src/model/types';

const fixtures = join(import.meta.dirname, '../fixtures');

/** One line per route: `METHOD path file:line handler=name@file:line [kind:name:scope ...]`. */
function inventory(model: WorkspaceModel): string[] {
  return model.routes.map((r) => {
    const h = r.handlerId ? model.functions[r.handlerId] : undefined;
    const handler = h ? `${h.name ?? 'anonymous'}@${r.handlerId!.split('#')[0]}:${h.span.line}` : '-';
    const prot = r.protections.map((p) => `${p.kind}:${p.name}:${p.scope}`).join(' ');
    return `${r.method} ${r.path} ${r.file}:${r.span.line} handler=${handler} [${prot}]`;
  });
}

test('app router + pages API workspace (src/, groups, dynamic and catch-all segments, middleware matcher)', async () => {
  const { model } = await scanFolder(join(fixtures, 'nextjs-app'));
  const A = 'src/app/api';
  assert.deepEqual(inventory(model), [
    'POST /api/newsletter src/app/(marketing)/api/newsletter/route.ts:3 handler=POST@src/app/(marketing)/api/newsletter/route.ts:3 []',
    'GET /api/cart src/app/(shop)/@cart/api/cart/route.ts:1 handler=GET@src/app/(shop)/@cart/api/cart/route.ts:1 []',
    `DELETE /api/admin/users/:id ${A}/admin/users/[id]/route.ts:3 handler=DELETE@${A}/admin/users/[id]/route.ts:3 [auth:auth:middleware-file]`,
    `GET /api/admin/users ${A}/admin/users/route.ts:3 handler=GET@${A}/admin/users/route.ts:3 [auth:auth:middleware-file]`,
    `GET /api/auth/*nextauth ${A}/auth/[...nextauth]/route.ts:3 handler=- []`,
    `POST /api/auth/*nextauth ${A}/auth/[...nextauth]/route.ts:3 handler=- []`,
    `POST /api/chat ${A}/chat/route.ts:1 handler=POST@${A}/chat/route.ts:1 []`,
    `OPTIONS /api/chat ${A}/chat/route.ts:6 handler=OPTIONS@${A}/chat/route.ts:6 []`,
    `GET /api/docs/*slug ${A}/docs/[[...slug]]/route.ts:1 handler=GET@${A}/docs/[[...slug]]/route.ts:1 []`,
    `GET /api/files/*path ${A}/files/[...path]/route.ts:5 handler=handler@${A}/files/[...path]/route.ts:1 []`,
    `PUT /api/files/*path ${A}/files/[...path]/route.ts:5 handler=handler@${A}/files/[...path]/route.ts:1 []`,
    `GET /api/tickets/:id ${A}/tickets/[id]/route.ts:3 handler=anonymous@${A}/tickets/[id]/route.ts:3 [auth:withAuth:route]`,
    `PATCH /api/tickets/:id ${A}/tickets/[id]/route.ts:8 handler=anonymous@${A}/tickets/[id]/route.ts:8 [auth:withAuth:route]`,
    'GET /dashboard src/app/dashboard/route.ts:1 handler=GET@src/app/dashboard/route.ts:1 [auth:auth:middleware-file]',
    'GET /api/legacy/:id src/pages/api/legacy/[id].ts:3 handler=handler@src/pages/api/legacy/[id].ts:3 []',
    'DELETE /api/legacy/:id src/pages/api/legacy/[id].ts:3 handler=handler@src/pages/api/legacy/[id].ts:3 []',
  ]);
  const admin = model.routes.find((r) => r.key === 'GET /api/admin/users')!;
  assert.equal(admin.protections[0].library, 'next-auth');
  assert.deepEqual(admin.protections[0].declaredAt, { file: 'src/middleware.ts', span: admin.protections[0].declaredAt.span });
  assert.equal(admin.protections[0].declaredAt.span.line, 2);
  assert.deepEqual(
    admin.via.map((v) => `${v.message} @${v.location.file}:${v.location.span.line}`),
    ['middleware.ts matcher "/api/admin/:path*" covers this route @src/middleware.ts:5'],
  );
  assert.ok(model.routes.every((r) => r.framework === 'nextjs' && r.anchors !== undefined));
  assert.ok(!model.routes.some((r) => r.file.includes('_internal')), 'private folders are not routable');
});

test('JS pages-only workspace (req.method checks, module.exports, next-connect, basePath, re-exported middleware)', async () => {
  const { model } = await scanFolder(join(fixtures, 'nextjs-pages-js'));
  assert.deepEqual(inventory(model), [
    'PUT /app/api/account/:id/settings pages/api/account/[id]/settings.js:6 handler=handler@pages/api/account/[id]/settings.js:1 [auth:requireSession:middleware-file]',
    'PATCH /app/api/account/:id/settings pages/api/account/[id]/settings.js:6 handler=handler@pages/api/account/[id]/settings.js:1 [auth:requireSession:middleware-file]',
    'GET /app/api/account/profile pages/api/account/profile.js:1 handler=handler@pages/api/account/profile.js:1 [auth:requireSession:middleware-file]',
    'ALL /app/api pages/api/index.js:1 handler=handler@pages/api/index.js:1 []',
    'GET /app/api/users pages/api/users/index.js:11 handler=listUsers@pages/api/users/index.js:6 []',
    'POST /app/api/users pages/api/users/index.js:13 handler=anonymous@pages/api/users/index.js:13 [auth:requireSession:router]',
    'POST /app/api/webhooks/stripe pages/api/webhooks/stripe.js:3 handler=stripeWebhook@pages/api/webhooks/stripe.js:3 []',
  ]);
  const profile = model.routes.find((r) => r.key === 'GET /app/api/account/profile')!;
  assert.deepEqual(profile.middlewareIds.map((id) => model.functions[id].name), ['requireSession']);
  assert.deepEqual(
    profile.via.map((v) => v.message),
    ['next.config basePath "/app"', 'middleware.js matcher "/api/account/:path*" covers this route'],
  );
});

test('file paths map to URL paths the way Next.js routes them', () => {
  assert.deepEqual(nextFileInfo('app/api/x/route.ts'), { kind: 'app-route', root: '', path: '/api/x' });
  assert.deepEqual(nextFileInfo('apps/web/src/app/(a)/b/[id]/route.js'), { kind: 'app-route', root: 'apps/web/', path: '/b/:id' });
  assert.deepEqual(nextFileInfo('app/route.ts'), { kind: 'app-route', root: '', path: '/' });
  assert.deepEqual(nextFileInfo('src/pages/api/index.ts'), { kind: 'pages-api', root: '', path: '/api' });
  assert.deepEqual(nextFileInfo('apps/web/middleware.ts'), { kind: 'middleware', root: 'apps/web/' });
  assert.equal(nextFileInfo('src/app/routes/users.ts'), undefined);
  assert.equal(nextFileInfo('pages/index.tsx'), undefined);
  assert.equal(nextFileInfo('app/_lib/route.ts'), undefined);
  assert.equal(toPath(['@slot', '(.)photo', '[[...all]]']), '/*all');
});

test('matchers use path-to-regexp semantics', () => {
  const m = (pattern: string, route: string) => matcherRegExp(pattern)!.test(samplePath(route));
  assert.equal(m('/dashboard/:path*', '/dashboard'), true);
  assert.equal(m('/dashboard/:path*', '/dashboard/a/:id'), true);
  assert.equal(m('/dashboard/:path+', '/dashboard'), false);
  assert.equal(m('/dashboard/:path*', '/dashboards'), false);
  assert.equal(m('/api/:id', '/api/x/y'), false);
  assert.equal(m('/((?!api|_next/static|favicon.ico).*)', '/api/chat'), false);
  assert.equal(m('/((?!api|_next/static|favicon.ico).*)', '/dashboard'), true);
  assert.equal(m('/(api|trpc)(.*)', '/api/chat'), true);
  assert.equal(m('/api/admin(.*)', '/api/administrators'), true);
  assert.equal(m('/api/files/:rest*', '/api/files/*path'), true);
});

test('a middleware without matcher covers every route; has/missing conditions do not count', async () => {
  const { model } = await scanFixture({
    'middleware.ts': "export { default } from 'next-auth/middleware';\n",
    'app/api/a/route.ts': 'export async function GET() { return new Response(); }\n',
  });
  assert.deepEqual(inventory(model), ['GET /api/a app/api/a/route.ts:1 handler=GET@app/api/a/route.ts:1 [auth:default:middleware-file]']);
  assert.match(model.routes[0].via[0].message, /no matcher: it runs before every route/);

  const cond = await scanFixture({
    'middleware.ts': [
      "export { default } from 'next-auth/middleware';",
      "export const config = { matcher: [{ source: '/api/:path*', missing: [{ type: 'header', key: 'next-router-prefetch' }] }] };",
    ].join('\n'),
    'app/api/a/route.ts': 'export async function GET() { return new Response(); }\n',
  });
  assert.deepEqual(cond.model.routes[0].protections, []);
  assert.match(cond.model.routes[0].via[0].message, /has\/missing conditions/);

  const dynamic = await scanFixture({
    'middleware.ts': "export { default } from 'next-auth/middleware';\nconst paths = ['/admin/:path*'];\nexport const config = { matcher: paths };\n",
    'app/api/a/route.ts': 'export async function GET() { return new Response(); }\n',
  });
  assert.deepEqual(dynamic.model.routes[0].protections.map((p) => p.kind), ['auth']);
  assert.match(dynamic.model.routes[0].via[0].message, /not a literal/);
});

test('Clerk: bare clerkMiddleware() guards nothing; protect() applies to createRouteMatcher paths only', async () => {
  const app = {
    'app/api/chat/route.ts': 'export async function POST() { return new Response(); }\n',
    'app/api/public/status/route.ts': 'export async function GET() { return new Response(); }\n',
  };
  const bare = await scanFixture({ ...app, 'middleware.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\n" });
  assert.deepEqual(bare.model.routes.map((r) => r.protections.length), [0, 0]);

  const guarded = await scanFixture({
    ...app,
    'middleware.ts': [
      "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';",
      "const isPublic = createRouteMatcher(['/api/public(.*)']);",
      'export default clerkMiddleware(async (auth, req) => {',
      '  if (!isPublic(req)) await auth.protect();',
      '});',
      "export const config = { matcher: ['/(api|trpc)(.*)'] };",
    ].join('\n'),
  });
  assert.deepEqual(inventory(guarded.model), [
    'POST /api/chat app/api/chat/route.ts:1 handler=POST@app/api/chat/route.ts:1 [auth:clerkMiddleware:middleware-file]',
    'GET /api/public/status app/api/public/status/route.ts:1 handler=GET@app/api/public/status/route.ts:1 []',
  ]);
  const callback = guarded.model.routes[0].middlewareIds.map((id) => guarded.model.functions[id].span.line);
  assert.deepEqual(callback, [3], 'the clerkMiddleware callback is the middleware body rules can inspect');
});

test('middleware of one monorepo app does not cover another app; wrappers and aliases are followed', async () => {
  const { model } = await scanFixture({
    'apps/admin/middleware.ts': "export { auth as middleware } from 'next-auth';\n",
    'apps/admin/app/api/x/route.ts': 'export async function GET() { return new Response(); }\n',
    'apps/site/app/api/y/route.ts': [
      "import { withApiAuthRequired } from '@auth0/nextjs-auth0';",
      'async function handle() { return new Response(); }',
      'const guarded = withApiAuthRequired(handle);',
      'export const GET = guarded;',
      'export const POST = handle;',
    ].join('\n'),
  });
  assert.deepEqual(inventory(model), [
    'GET /api/x apps/admin/app/api/x/route.ts:1 handler=GET@apps/admin/app/api/x/route.ts:1 [auth:auth:middleware-file]',
    'GET /api/y apps/site/app/api/y/route.ts:4 handler=handle@apps/site/app/api/y/route.ts:2 [auth:withApiAuthRequired:route]',
    'POST /api/y apps/site/app/api/y/route.ts:5 handler=handle@apps/site/app/api/y/route.ts:2 []',
  ]);
});

test('a file named route.ts that exports no HTTP method, or a non-Next middleware.ts, yields nothing', async () => {
  const { model } = await scanFixture({
    'src/app/route.ts': 'export const routes = [1, 2];\n',
    'src/middleware.ts': 'export function requireAuth() {}\n',
    'src/pages/api/x.ts': 'export const config = {};\n',
  });
  assert.deepEqual(model.routes, []);
});

test('pathname gates in the middleware narrow its auth; a preflight-only method check still serves every method', async () => {
  const routes = {
    'app/api/admin/stats/route.ts': 'export async function GET() { return new Response(); }\n',
    'app/api/chat/route.ts': 'export async function POST() { return new Response(); }\n',
    'app/api/public/ping/route.ts': 'export async function GET() { return new Response(); }\n',
    'pages/api/cors.ts': [
      'export default function handler(req: any, res: any) {',
      "  if (req.method === 'OPTIONS') return res.status(204).end();",
      '  res.json({ ok: true });',
      '}',
    ].join('\n'),
  };
  const gated = await scanFixture({
    ...routes,
    'middleware.ts': [
      "import { NextResponse, type NextRequest } from 'next/server';",
      'export function middleware(req: NextRequest) {',
      "  const token = req.cookies.get('session');",
      "  if (req.nextUrl.pathname.startsWith('/api/admin')) {",
      "    if (!token) return NextResponse.redirect(new URL('/login', req.url));",
      '  }',
      '  return NextResponse.next();',
      '}',
    ].join('\n'),
  }, { helpers: { auth: ['middleware'] } });
  assert.deepEqual(gated.model.routes.map((r) => `${r.key} ${r.protections.map((p) => p.kind)}`), [
    'GET /api/admin/stats auth',
    'POST /api/chat ',
    'GET /api/public/ping ',
    'ALL /api/cors ',
  ]);
  assert.ok(gated.model.routes[1].middlewareIds.length === 1, 'the middleware still runs in front of the route');

  const exempt = await scanFixture({
    ...routes,
    'middleware.ts': [
      "import { NextResponse, type NextRequest } from 'next/server';",
      "import { redirect } from './legacy';",
      'export function middleware(req: NextRequest) {',
      "  if (req.nextUrl.pathname.startsWith('/old')) return redirect('/new');",
      "  if (req.nextUrl.pathname.startsWith('/api/public')) return NextResponse.next();",
      "  if (!req.cookies.get('session')) return new Response('Unauthorized', { status: 401 });",
      '}',
    ].join('\n'),
  }, { helpers: { auth: ['middleware'] } });
  assert.deepEqual(exempt.model.routes.map((r) => `${r.key} ${r.protections.map((p) => p.kind)}`), [
    'GET /api/admin/stats auth',
    'POST /api/chat auth',
    'GET /api/public/ping ',
    'ALL /api/cors auth',
  ]);
});

test('without config helpers, the fixtures own middleware and wrapper are recognised by behaviour', async () => {
  const pages = await scanFolder(join(fixtures, 'nextjs-pages-js'), {});
  const profile = pages.model.routes.find((r) => r.key === 'GET /app/api/account/profile')!;
  assert.deepEqual(profile.protections.map((p) => `${p.kind}:${p.name}:${p.scope}:${p.via}`), ['auth:requireSession:middleware-file:behaviour']);
  assert.equal(profile.protections[0].declaredAt.file, 'middleware.js');
  const app = await scanFolder(join(fixtures, 'nextjs-app'), {});
  const ticket = app.model.routes.find((r) => r.key === 'GET /api/tickets/:id')!;
  assert.deepEqual(ticket.protections.map((p) => `${p.kind}:${p.name}:${p.scope}:${p.via}`), ['auth:withAuth:route:behaviour']);
});

test('a route span is the first line of its export, not the whole handler body', async () => {
  const text = 'export async function POST(req: Request) {\n  const body = await req.json();\n  return Response.json(body);\n}\n';
  const { model } = await scanFixture({ 'app/api/x/route.ts': text });
  const { span } = model.routes[0];
  assert.deepEqual([span.line, span.endLine, span.column], [1, 1, 1]);
  assert.equal(text.slice(span.start, span.end), 'export async function POST(req: Request) {');
  assert.equal(model.functions[model.routes[0].handlerId!].span.endLine, 4, 'the handler keeps its full span');
});

test('Auth.js NextAuth(config).auth and Clerk authMiddleware({ publicRoutes }) as middleware', async () => {
  const routes = {
    'app/api/chat/route.ts': 'export async function POST() { return new Response(); }\n',
    'app/api/public/status/route.ts': 'export async function GET() { return new Response(); }\n',
  };
  const authjs = await scanFixture({
    ...routes,
    'middleware.ts': "import NextAuth from 'next-auth';\nimport { authConfig } from './auth.config';\nexport default NextAuth(authConfig).auth;\n",
    'auth.config.ts': 'export const authConfig = { providers: [] };\n',
  });
  assert.deepEqual(authjs.model.routes.map((r) => r.protections.map((p) => `${p.kind}:${p.library}`).join()), ['auth:next-auth', 'auth:next-auth']);
  const clerk = await scanFixture({
    ...routes,
    'middleware.ts': "import { authMiddleware } from '@clerk/nextjs';\nexport default authMiddleware({ publicRoutes: ['/', '/api/public(.*)'] });\n",
  });
  assert.deepEqual(clerk.model.routes.map((r) => `${r.key} ${r.protections.map((p) => p.kind)}`), ['POST /api/chat auth', 'GET /api/public/status ']);
});
