import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFixture, scanFolder } from '../helpers/scan';
import type { WorkspaceModel } from '../../server/src/model/types';

const fixtures = join(import.meta.dirname, '../fixtures');

/** One line per route: `METHOD path file:line handler=name@line [kind:name:scope(roles) ...]`. */
function inventory(model: WorkspaceModel): string[] {
  return model.routes.map((r) => {
    const h = r.handlerId ? model.functions[r.handlerId] : undefined;
    const handler = h ? `${h.name}@${h.span.line}` : '-';
    const prot = r.protections.map((p) => `${p.kind}:${p.name}:${p.scope}${p.roles ? `(${p.roles.join(',')})` : ''}`).join(' ');
    return `${r.method} ${r.path} ${r.file}:${r.span.line} handler=${handler} [${prot}]`;
  });
}

const JWT = 'auth:JwtAuthGuard:app';
const THROTTLE = 'rateLimit:ThrottlerGuard:app';
const PIPE = 'validation:ValidationPipe:app';

test('global JWT guard (APP_GUARD) with @Public opt-out, RolesGuard + @Roles, global ValidationPipe, throttler', async () => {
  const { model } = await scanFolder(join(fixtures, 'nestjs-api'));
  assert.deepEqual(inventory(model), [
    `GET /api/admin/users src/admin/admin.controller.ts:9 handler=AdminController.listUsers@9 [${JWT} ${THROTTLE} role:RolesGuard:controller(admin) ${PIPE}]`,
    `DELETE /api/admin/users/:id src/admin/admin.controller.ts:15 handler=AdminController.removeUser@14 [${JWT} ${THROTTLE} role:RolesGuard:controller(owner) ${PIPE}]`,
    `POST /api/auth/login src/auth/auth.controller.ts:10 handler=AuthController.login@8 [${THROTTLE} ${PIPE}]`,
    `GET /api/auth/me src/auth/auth.controller.ts:15 handler=AuthController.me@15 [${JWT} ${THROTTLE} ${PIPE}]`,
    `GET /health src/health.controller.ts:9 handler=HealthController.check@9 [${PIPE}]`,
    `GET /api/tickets src/tickets/tickets.controller.ts:6 handler=TicketsController.findAll@6 [${JWT} ${THROTTLE} ${PIPE}]`,
    `GET /api/tickets/:id src/tickets/tickets.controller.ts:11 handler=TicketsController.findOne@11 [${JWT} ${THROTTLE} ${PIPE}]`,
    `POST /api/tickets src/tickets/tickets.controller.ts:16 handler=TicketsController.create@16 [${JWT} ${THROTTLE} ${PIPE}]`,
    // `@Body() body: any`: the global ValidationPipe has no DTO class to validate against.
    `PATCH /api/tickets/:id src/tickets/tickets.controller.ts:21 handler=TicketsController.update@21 [${JWT} ${THROTTLE}]`,
  ]);
  const login = model.routes.find((r) => r.key === 'POST /api/auth/login')!;
  assert.ok(login.tags.includes('public'));
  assert.equal(login.protections[0].library, '@nestjs/throttler');
  assert.equal(login.protections[0].keyedBy, 'ip');
  const tickets = model.routes.find((r) => r.key === 'GET /api/tickets')!;
  assert.equal(tickets.protections[0].library, '@nestjs/passport');
  assert.deepEqual(tickets.protections[0].declaredAt.file, 'src/app.module.ts');
  assert.deepEqual(
    tickets.via.map((v) => `${v.message} @${v.location.file}:${v.location.span.line}`),
    ['global prefix "api" @src/main.ts:7', '@Controller of TicketsController @src/tickets/tickets.controller.ts:4'],
  );
  assert.ok(!model.routes.find((r) => r.key === 'GET /health')!.via.some((v) => v.message.startsWith('global prefix')));
});

test('per-controller guards, a global prefix, URI versioning, multi-path decorators, zod and param pipes', async () => {
  const { model } = await scanFolder(join(fixtures, 'nestjs-per-controller'));
  const P = 'src/projects/projects.controller.ts';
  const R = 'src/reports/reports.controller.ts';
  const reportGuards = 'auth:ApiKeyGuard:controller rateLimit:ThrottlerGuard:controller';
  assert.deepEqual(inventory(model), [
    `GET /api/projects ${P}:12 handler=ProjectsController.list@12 [auth:AuthGuard('jwt'):controller]`,
    `GET /api/projects/:id ${P}:17 handler=ProjectsController.get@17 [auth:AuthGuard('jwt'):controller]`,
    `POST /api/projects ${P}:22 handler=ProjectsController.create@22 [auth:AuthGuard('jwt'):controller validation:ZodValidationPipe:route]`,
    `GET /api/v2/reports/summary ${R}:9 handler=ReportsController.summary@9 [${reportGuards}]`,
    `GET /api/v2/reports/overview ${R}:9 handler=ReportsController.summary@9 [${reportGuards}]`,
    `POST /api/v2/reports/export ${R}:14 handler=ReportsController.export@14 [${reportGuards} validation:ValidationPipe:route]`,
    'GET /api/status src/status.controller.ts:5 handler=StatusController.status@5 []',
    'POST /api/webhooks/stripe src/webhooks/webhooks.controller.ts:5 handler=WebhooksController.stripe@5 []',
    'ALL /api/webhooks/github src/webhooks/webhooks.controller.ts:10 handler=WebhooksController.github@10 []',
  ]);
});

test('anchors point at the start of the decorator lines, so an inserted @UseGuards lands above the route', async () => {
  const root = join(fixtures, 'nestjs-per-controller');
  const { model } = await scanFolder(root);
  const text = readFileSync(join(root, 'src/projects/projects.controller.ts'), 'utf8');
  const create = model.routes.find((r) => r.key === 'POST /api/projects')!;
  assert.ok(text.slice(create.anchors!.decoratorInsert!).startsWith('  @Post()\n  @UsePipes('));
  assert.ok(text.slice(create.anchors!.classDecoratorInsert!).startsWith("@UseGuards(AuthGuard('jwt'))\n@Controller('projects')"));
  const list = model.routes.find((r) => r.key === 'GET /api/projects')!;
  const fixed = text.slice(0, list.anchors!.decoratorInsert!) + '  @UseGuards(ApiKeyGuard)\n' + text.slice(list.anchors!.decoratorInsert!);
  assert.match(fixed, /\n {2}@UseGuards\(ApiKeyGuard\)\n {2}@Get\(\)\n {2}list\(\) \{/);
  const admin = (await scanFolder(join(fixtures, 'nestjs-api'))).model.routes.find((r) => r.key === 'DELETE /api/admin/users/:id')!;
  const adminText = readFileSync(join(fixtures, 'nestjs-api/src/admin/admin.controller.ts'), 'utf8');
  assert.ok(adminText.slice(admin.anchors!.decoratorInsert!).startsWith("  @Roles('owner')\n  @Delete("));
  assert.ok(adminText.slice(admin.anchors!.classDecoratorInsert!).startsWith("@Controller('admin')"));
});

const NEST_HEAD = "import { Controller, Get, Post, UseGuards, SetMetadata, applyDecorators, CanActivate, ExecutionContext } from '@nestjs/common';\n";

test('@Public does not lift a global guard that never reads the public key', async () => {
  const { model } = await scanFixture({
    'src/main.ts': [
      "import { NestFactory } from '@nestjs/core';",
      "import { StrictGuard } from './strict.guard';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create({});',
      '  app.useGlobalGuards(new StrictGuard());',
      '}',
    ].join('\n'),
    'src/strict.guard.ts': NEST_HEAD + 'export class StrictGuard implements CanActivate {\n  canActivate(ctx: ExecutionContext) { return !!ctx; }\n}\n',
    'src/public.ts': NEST_HEAD + "export const Public = () => SetMetadata('isPublic', true);\n",
    'src/a.controller.ts': NEST_HEAD + "import { Public } from './public';\n@Controller('a')\nexport class A {\n  @Public()\n  @Get()\n  list() { return []; }\n}\n",
  }, { helpers: { auth: ['StrictGuard'] } });
  assert.deepEqual(inventory(model), ['GET /a src/a.controller.ts:6 handler=A.list@5 [auth:StrictGuard:app]']);
  assert.ok(model.routes[0].tags.includes('public'), 'still tagged public: the intent is visible to rules');
});

test('global guards of one Nest app do not leak into another app of the monorepo', async () => {
  const app = (name: string, guard: boolean) => ({
    [`apps/${name}/src/main.ts`]: [
      "import { NestFactory } from '@nestjs/core';",
      "import { AuthGuard } from '@nestjs/passport';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create({});',
      `  app.setGlobalPrefix('${name}');`,
      guard ? "  app.useGlobalGuards(new (AuthGuard('jwt'))());" : '',
      '}',
    ].join('\n'),
    [`apps/${name}/src/x.controller.ts`]: NEST_HEAD + "@Controller('x')\nexport class X {\n  @Get()\n  list() { return []; }\n}\n",
  });
  const { model } = await scanFixture({ ...app('admin', true), ...app('site', false) });
  assert.deepEqual(model.routes.map((r) => `${r.key} ${r.protections.map((p) => p.kind).join(',')}`), ['GET /admin/x auth', 'GET /site/x ']);
});

test('composite decorators (applyDecorators), Reflector.createDecorator roles, SkipThrottle overrides, APP_PIPE', async () => {
  const { model } = await scanFixture({
    'src/app.module.ts': [
      "import { Module, ValidationPipe } from '@nestjs/common';",
      "import { APP_GUARD, APP_PIPE } from '@nestjs/core';",
      "import { UserThrottler } from './throttler';",
      '@Module({ providers: [{ provide: APP_GUARD, useClass: UserThrottler }, { provide: APP_PIPE, useValue: new ValidationPipe() }] })',
      'export class AppModule {}',
    ].join('\n'),
    'src/throttler.ts': [
      "import { ThrottlerGuard } from '@nestjs/throttler';",
      'export class UserThrottler extends ThrottlerGuard {',
      '  protected async getTracker(req: { user: { id: string } }) { return req.user.id; }',
      '}',
    ].join('\n'),
    'src/auth.ts': [
      "import { UseGuards, applyDecorators } from '@nestjs/common';",
      "import { Reflector } from '@nestjs/core';",
      "import { AuthGuard } from '@nestjs/passport';",
      'export const Roles = Reflector.createDecorator<string[]>();',
      'export class RoleGuard { constructor(private reflector: Reflector) {}',
      '  canActivate(ctx: any) { return !!this.reflector.get(Roles, ctx.getHandler()); } }',
      "export function Auth() { return applyDecorators(UseGuards(AuthGuard('jwt'), RoleGuard)); }",
    ].join('\n'),
    'src/c.controller.ts': [
      "import { Body, Controller, Post } from '@nestjs/common';",
      "import { SkipThrottle } from '@nestjs/throttler';",
      "import { Auth, Roles } from './auth';",
      'class NoteDto { text!: string }',
      "@Controller('notes')",
      '@SkipThrottle()',
      '@Auth()',
      'export class Notes {',
      "  @Roles(['editor'])",
      '  @SkipThrottle(false)',
      '  @Post()',
      '  create(@Body() dto: NoteDto) { return dto; }',
      "  @Post('raw')",
      '  raw(@Body() body: Record<string, unknown>) { return body; }',
      '}',
    ].join('\n'),
  });
  const rows = model.routes.map((r) => `${r.key} ${r.protections.map((p) => `${p.kind}:${p.name}:${p.scope}${p.keyedBy ? `/${p.keyedBy}` : ''}${p.roles ? `(${p.roles})` : ''}`).join(' ')}`);
  assert.deepEqual(rows, [
    "POST /notes rateLimit:UserThrottler:app/user auth:AuthGuard('jwt'):controller role:RoleGuard:controller(editor) validation:ValidationPipe:app",
    "POST /notes/raw auth:AuthGuard('jwt'):controller",
  ]);
});

test('files without Nest syntax are not collected; a controller without routes yields none', async () => {
  const { model } = await scanFixture({
    'src/x.ts': 'export class Controller {}\nexport const get = () => 1;\n',
    'src/empty.controller.ts': NEST_HEAD + "@Controller('empty')\nexport class Empty {\n  helper() { return 1; }\n}\n",
  });
  assert.deepEqual(model.routes, []);
  assert.equal(model.files['src/x.ts'].collected.nestjs, undefined);
});

test('app.use() in the bootstrap file and MiddlewareConsumer forRoutes/exclude put middleware in front of routes', async () => {
  const { model } = await scanFixture({
    'src/main.ts': [
      "import { NestFactory } from '@nestjs/core';",
      "import rateLimit from 'express-rate-limit';",
      "import helmet from 'helmet';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create({});',
      '  app.use(helmet());',
      '  app.use(rateLimit({ windowMs: 60_000, max: 100 }));',
      '}',
    ].join('\n'),
    'src/app.module.ts': [
      "import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';",
      "import { AuthMiddleware, AuditMiddleware } from './middleware';",
      "import { AdminController } from './admin.controller';",
      '@Module({})',
      'export class AppModule implements NestModule {',
      '  configure(consumer: MiddlewareConsumer) {',
      "    consumer.apply(AuthMiddleware).exclude({ path: 'public/(.*)', method: RequestMethod.ALL }).forRoutes('*');",
      '    consumer.apply(AuditMiddleware).forRoutes(AdminController);',
      '  }',
      '}',
    ].join('\n'),
    'src/middleware.ts': [
      "import { Injectable, NestMiddleware } from '@nestjs/common';",
      '@Injectable()',
      'export class AuthMiddleware implements NestMiddleware {',
      '  use(req: any, _res: any, next: () => void) { req.user = req.headers.authorization; next(); }',
      '}',
      '@Injectable()',
      'export class AuditMiddleware implements NestMiddleware {',
      '  use(_req: any, _res: any, next: () => void) { next(); }',
      '}',
    ].join('\n'),
    'src/admin.controller.ts': NEST_HEAD + "@Controller('admin')\nexport class AdminController {\n  @Get('stats')\n  stats() { return {}; }\n}\n",
    'src/public.controller.ts': NEST_HEAD + "@Controller('public')\nexport class PublicController {\n  @Get('info')\n  info() { return {}; }\n}\n",
  }, { helpers: { auth: ['AuthMiddleware'] } });
  const rows = model.routes.map((r) => `${r.key} ${r.protections.map((p) => `${p.kind}:${p.scope}`).join(' ')} | ${r.middlewareIds.map((id) => model.functions[id].name).join(',')}`);
  assert.deepEqual(rows, [
    'GET /admin/stats rateLimit:app auth:router | AuthMiddleware.use,AuditMiddleware.use',
    'GET /public/info rateLimit:app | ',
  ]);
  assert.equal(model.routes[0].protections[0].library, 'express-rate-limit');
});

test('RouterModule.register prefixes the controllers of the registered modules (children joined to parents)', async () => {
  const { model } = await scanFixture({
    'src/app.module.ts': [
      "import { Module } from '@nestjs/common';",
      "import { RouterModule } from '@nestjs/core';",
      "import { AdminModule, UsersModule } from './admin.module';",
      '@Module({',
      "  imports: [RouterModule.register([{ path: 'admin', module: AdminModule, children: [{ path: 'people', module: UsersModule }] }])],",
      '})',
      'export class AppModule {}',
    ].join('\n'),
    'src/admin.module.ts': [
      "import { Module } from '@nestjs/common';",
      "import { DashboardController, UsersController } from './controllers';",
      '@Module({ controllers: [DashboardController] })',
      'export class AdminModule {}',
      '@Module({ controllers: [UsersController] })',
      'export class UsersModule {}',
    ].join('\n'),
    'src/controllers.ts': [
      NEST_HEAD.trim(),
      "@Controller('dashboard')",
      'export class DashboardController {',
      '  @Get()',
      '  show() { return {}; }',
      '}',
      "@Controller('users')",
      'export class UsersController {',
      "  @Post(':id')",
      '  update() { return {}; }',
      '}',
      "@Controller('loose')",
      'export class LooseController {',
      '  @Get()',
      '  get() { return {}; }',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(model.routes.map((r) => r.key), ['GET /admin/dashboard', 'POST /admin/people/users/:id', 'GET /loose']);
  assert.deepEqual(model.routes[1].via[0].message, 'RouterModule path "/admin/people"');
});

test('controller and method paths written with same-file constants and templates are evaluated', async () => {
  const { model } = await scanFixture({
    'src/c.controller.ts': [
      NEST_HEAD.trim(),
      "const BASE = 'billing';",
      'const ID = `:invoiceId`;',
      '@Controller(BASE)',
      'export class Billing {',
      '  @Get(`invoices/${ID}`)',
      '  get() { return {}; }',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(model.routes.map((r) => r.key), ['GET /billing/invoices/:invoiceId']);
});

test('without config helpers, the fixture guard ApiKeyGuard is recognised by the behaviour of its canActivate', async () => {
  const { model } = await scanFolder(join(fixtures, 'nestjs-per-controller'), {});
  const summary = model.routes.find((r) => r.key === 'GET /api/v2/reports/summary')!;
  assert.deepEqual(summary.protections.map((p) => `${p.kind}:${p.name}:${p.via}`), ['auth:ApiKeyGuard:behaviour', 'rateLimit:ThrottlerGuard:library']);
  assert.equal(summary.protections[0].declaredAt.file, 'src/reports/reports.controller.ts');
});

test('a global ValidationPipe does not cover a DTO imported with `import type` (the class is erased at runtime)', async () => {
  const { model } = await scanFixture({
    'src/main.ts': [
      "import { NestFactory } from '@nestjs/core';",
      "import { ValidationPipe } from '@nestjs/common';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create({});',
      '  app.useGlobalPipes(new ValidationPipe());',
      '}',
    ].join('\n'),
    'src/dto.ts': 'export class NoteDto { text!: string }\n',
    'src/a.controller.ts': NEST_HEAD + "import { Body } from '@nestjs/common';\nimport type { NoteDto } from './dto';\n@Controller('a')\nexport class A {\n  @Post()\n  create(@Body() dto: NoteDto) { return dto; }\n}\n",
    'src/b.controller.ts': NEST_HEAD + "import { Body } from '@nestjs/common';\nimport { NoteDto } from './dto';\n@Controller('b')\nexport class B {\n  @Post()\n  create(@Body() dto: NoteDto) { return dto; }\n}\n",
  });
  assert.deepEqual(model.routes.map((r) => `${r.key} ${r.protections.map((p) => p.kind)}`), ['POST /a ', 'POST /b validation']);
});

test('a global ValidationPipe covers a DTO route that also takes @Req() for the user, not one that reads req.body', async () => {
  const main = [
    "import { NestFactory } from '@nestjs/core';",
    "import { ValidationPipe } from '@nestjs/common';",
    'async function bootstrap() {',
    '  const app = await NestFactory.create({});',
    '  app.useGlobalPipes(new ValidationPipe());',
    '}',
  ].join('\n');
  const { model } = await scanFixture({
    'src/main.ts': main,
    'src/c.controller.ts': [
      "import { Body, Controller, Post, Req } from '@nestjs/common';",
      'class NoteDto { text!: string }',
      "@Controller('notes')",
      'export class Notes {',
      '  @Post()',
      '  create(@Body() dto: NoteDto, @Req() req: any) { return { ...dto, owner: req.user.id }; }',
      "  @Post('raw')",
      '  raw(@Body() dto: NoteDto, @Req() req: any) { return { ...req.body, owner: req.user.id }; }',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(model.routes.map((r) => `${r.key} ${r.protections.map((p) => p.kind)}`), ['POST /notes validation', 'POST /notes/raw ']);
});
