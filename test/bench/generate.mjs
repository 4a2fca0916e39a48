// Generates a synthetic workspace that mixes the six frameworks the way real monorepos do: route files that mount
// routers across files and import guards/limiters, services with helpers and DB calls, and plain utility/UI files
// (the majority, as in real trees). Deterministic for a given size, so bench runs are comparable.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const FRAMEWORKS = ['express', 'fastify', 'nextjs', 'nestjs', 'hono', 'koa'];

function serviceFile(i, r) {
  const lines = [`import { prisma } from '../lib/db';`, `import { logger } from '../lib/logger';`, ''];
  const fns = 6 + Math.floor(r() * 6);
  for (let f = 0; f < fns; f++) {
    lines.push(
      `export async function op${i}_${f}(tenantId: string, id: string, input: { name?: string; note?: string }) {`,
      `  const record = await prisma.item${f}.findFirst({ where: { id, tenantId } });`,
      `  if (!record) {`,
      `    logger.warn({ id }, 'missing record');`,
      `    return null;`,
      `  }`,
      `  const next = { ...record, name: input.name ?? record.name, note: (input.note ?? '').trim() };`,
      `  for (let k = 0; k < 3; k++) {`,
      `    if (next.name.length > 100) next.name = next.name.slice(0, 100);`,
      `  }`,
      `  return prisma.item${f}.update({ where: { id: record.id }, data: next });`,
      `}`,
      '',
    );
  }
  return lines.join('\n');
}

function utilFile(i, r) {
  const lines = [`// Utility module ${i}.`, ''];
  const n = 8 + Math.floor(r() * 10);
  for (let f = 0; f < n; f++) {
    lines.push(
      `export function format${i}_${f}(value: number, digits = 2): string {`,
      `  const fixed = value.toFixed(digits);`,
      `  const [whole, frac] = fixed.split('.');`,
      `  const grouped = whole.replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');`,
      `  return frac ? grouped + '.' + frac : grouped;`,
      `}`,
      '',
    );
  }
  return lines.join('\n');
}

function componentFile(i, r) {
  const n = 4 + Math.floor(r() * 6);
  const lines = [`import React from 'react';`, ''];
  for (let f = 0; f < n; f++) {
    lines.push(
      `export function Panel${i}_${f}({ title, items }: { title: string; items: string[] }) {`,
      `  const [open, setOpen] = React.useState(false);`,
      `  return (`,
      `    <section className="panel">`,
      `      <h2 onClick={() => setOpen(!open)}>{title}</h2>`,
      `      {open && <ul>{items.map((x) => <li key={x}>{x}</li>)}</ul>}`,
      `    </section>`,
      `  );`,
      `}`,
      '',
    );
  }
  return lines.join('\n');
}

const ROUTES = {
  express: (i) => [`src/express/routes/r${i}.ts`, `import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { requireAuth } from '../../shared/auth';
import { op${i}_0 } from '../../services/s${i % 50}';

export const router${i} = Router();
const limiter = rateLimit({ windowMs: 60000, max: 20 });

router${i}.get('/items/:id', requireAuth, async (req, res) => {
  const item = await op${i}_0(req.user.tenantId, req.params.id, {});
  res.json(item);
});
router${i}.post('/chat', requireAuth, limiter, async (req, res) => {
  res.json({ ok: true, message: String(req.body.message).slice(0, 10) });
});
router${i}.delete('/items/:id', async (req, res) => {
  res.status(204).end();
});
`],
  fastify: (i) => [`src/fastify/plugins/p${i}.ts`, `import type { FastifyInstance } from 'fastify';

export default async function plugin${i}(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.headers.authorization) return reply.code(401).send({ error: 'unauthorized' });
  });
  app.get('/items/:id', async (request) => ({ id: (request.params as { id: string }).id }));
  app.post('/items', { schema: { body: { type: 'object', properties: { name: { type: 'string' } } } } }, async (request) => request.body);
}
`],
  nextjs: (i) => [`src/app/api/n${i}/[id]/route.ts`, `import { NextResponse } from 'next/server';
import { auth } from '@/lib/auth';

export async function GET(request: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  return NextResponse.json({ id: params.id });
}

export async function DELETE(request: Request, { params }: { params: { id: string } }) {
  return NextResponse.json({ deleted: params.id });
}
`],
  nestjs: (i) => [`src/nest/c${i}.controller.ts`, `import { Controller, Get, Param, Post, Body, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

@Controller('n${i}')
export class C${i}Controller {
  @UseGuards(AuthGuard('jwt'))
  @Get(':id')
  findOne(@Param('id') id: string) {
    return { id };
  }

  @Post()
  create(@Body() body: Record<string, unknown>) {
    return body;
  }
}
`],
  hono: (i) => [`src/hono/h${i}.ts`, `import { Hono } from 'hono';
import { jwt } from 'hono/jwt';

export const h${i} = new Hono();
h${i}.use('/secure/*', jwt({ secret: process.env.JWT_SECRET! }));
h${i}.get('/secure/items/:id', (c) => c.json({ id: c.req.param('id') }));
h${i}.post('/open/items', async (c) => c.json(await c.req.json()));
`],
  koa: (i) => [`src/koa/k${i}.ts`, `import Router from '@koa/router';

export const k${i} = new Router({ prefix: '/k${i}' });
k${i}.use(async (ctx, next) => {
  if (!ctx.get('authorization')) ctx.throw(401);
  await next();
});
k${i}.get('/items/:id', (ctx) => {
  ctx.body = { id: ctx.params.id };
});
`],
};

export function generate(root, files) {
  const marker = join(root, '.generated');
  if (existsSync(marker)) return root;
  const r = rng(files);
  const write = (file, text) => {
    const abs = join(root, file);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  write('package.json', JSON.stringify({ name: 'bench', dependencies: { express: '4', fastify: '5', next: '15', '@nestjs/core': '11', hono: '4', koa: '2' } }, null, 2));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }));
  write('src/lib/db.ts', `export const prisma: any = {};\n`);
  write('src/lib/logger.ts', `export const logger = console;\n`);
  write('src/lib/auth.ts', `export async function auth() { return null as null | { user: { id: string } }; }\n`);
  write('src/shared/auth.ts', `import type { Request, Response, NextFunction } from 'express';
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) return res.status(401).end();
  return next();
}
`);
  const routeFiles = Math.round(files * 0.12);
  const serviceFiles = 50;
  const expressRouters = [];
  for (let i = 0; i < routeFiles; i++) {
    const fw = FRAMEWORKS[i % FRAMEWORKS.length];
    const [file, text] = ROUTES[fw](i);
    if (fw === 'express') expressRouters.push(i);
    write(file, text);
  }
  for (let i = 0; i < serviceFiles; i++) write(`src/services/s${i}.ts`, serviceFile(i, r));
  write('src/express/app.ts', [
    `import express from 'express';`,
    ...expressRouters.map((i) => `import { router${i} } from './routes/r${i}';`),
    `const app = express();`,
    `app.use(express.json());`,
    ...expressRouters.map((i) => `app.use('/api/r${i}', router${i});`),
    `app.listen(3000);`,
    '',
  ].join('\n'));
  const rest = files - routeFiles - serviceFiles - 6;
  for (let i = 0; i < rest; i++) {
    if (i % 3 === 0) write(`src/ui/c${i}.tsx`, componentFile(i, r));
    else write(`src/utils/u${i}.ts`, utilFile(i, r));
  }
  writeFileSync(marker, String(files));
  return root;
}
