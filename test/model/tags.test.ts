// Route tags through real scans: ai (direct SDK calls, a project helper, Nest injected services, Vercel AI SDK), data,
// webhook (path or signature header), auth/health/admin paths, and quiet routes that get no tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture } from '../helpers/scan';
import type { Route } from '../../server/src/model/types';

async function tagsByRoute(fixture: string): Promise<Record<string, string[]>> {
  const { model } = await scanFixture(fixture);
  return Object.fromEntries(model.routes.map((r: Route) => [r.key, [...r.tags].sort()]));
}

test('express: ai through a project helper two files away, data through prisma, webhook by header, paths', async () => {
  const t = await tagsByRoute(`
//- src/lib/openai.ts
import OpenAI from 'openai';
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
//- src/lib/answer.ts
import { openai } from './openai';
export async function answer(question) {
  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return r.choices[0].message.content;
}
//- src/lib/db.ts
import { PrismaClient } from '@prisma/client';
export const prisma = new PrismaClient();
//- src/app.ts
import express from 'express';
import { answer } from './lib/answer';
import { prisma } from './lib/db';
const app = express();
app.post('/v1/reply', async (req, res) => res.json({ text: await answer(req.body.q) }));
app.post('/v1/notes', async (req, res) => { await prisma.note.create({ data: { text: req.body.text } }); res.end(); });
app.post('/v1/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  const sig = req.headers['stripe-signature'];
  res.json({ sig: !!sig });
});
app.post('/api/auth/login', (req, res) => res.end());
app.get('/healthz', (req, res) => res.json({ ok: true }));
app.get('/api/admin/stats', (req, res) => res.json({}));
app.get('/api/version', (req, res) => res.json({ v: 1 }));
`);
  assert.deepEqual(t['POST /v1/reply'], ['ai']);
  assert.deepEqual(t['POST /v1/notes'], ['data']);
  assert.deepEqual(t['POST /v1/stripe'], ['webhook']);
  assert.deepEqual(t['POST /api/auth/login'], ['auth']);
  assert.deepEqual(t['GET /healthz'], ['health']);
  assert.deepEqual(t['GET /api/admin/stats'], ['admin']);
  assert.deepEqual(t['GET /api/version'], []);
});

test('next.js app router: Vercel AI SDK streamText is ai; @ai-sdk model factories alone are not', async () => {
  const t = await tagsByRoute(`
//- app/api/assist/route.ts
import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function POST(req: Request) {
  const { messages } = await req.json();
  const result = streamText({ model: openai('gpt-4o'), messages });
  return result.toDataStreamResponse();
}
//- app/api/models/route.ts
import { openai } from '@ai-sdk/openai';
export async function GET() {
  const m = openai('gpt-4o');
  return Response.json({ id: String(m) });
}
`);
  assert.deepEqual(t['POST /api/assist'], ['ai']);
  assert.deepEqual(t['GET /api/models'], []);
});

test('nest: an injected service that calls Anthropic makes the controller route ai and its repository data', async () => {
  const t = await tagsByRoute(`
//- src/chat.service.ts
import Anthropic from '@anthropic-ai/sdk';
import { Injectable } from '@nestjs/common';
@Injectable()
export class ChatService {
  private client = new Anthropic();
  constructor(private readonly tickets: TicketsRepository) {}
  async reply(text: string) {
    return this.client.messages.create({ model: 'claude', max_tokens: 100, messages: [{ role: 'user', content: text }] });
  }
}
//- src/chat.controller.ts
import { Controller, Post, Body, Get, Param } from '@nestjs/common';
import { ChatService } from './chat.service';
@Controller('support')
export class ChatController {
  constructor(private readonly chatService: ChatService, private readonly repo: TicketRepository) {}
  @Post()
  send(@Body() body: SendDto) { return this.chatService.reply(body.text); }
  @Get(':id')
  get(@Param('id') id: string) { return this.repo.findOneBy({ id }); }
}
`);
  assert.ok(t['POST /support'].includes('ai'), JSON.stringify(t));
  assert.ok(t['GET /support/:id'].includes('data'), JSON.stringify(t));
  assert.ok(!t['GET /support/:id'].includes('ai'));
});
