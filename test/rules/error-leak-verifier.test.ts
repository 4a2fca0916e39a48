// Regression: the @fastify/jwt pattern `try { await request.jwtVerify() } catch (err) { reply.send(err) }` forwards
// the verifier's own 401, not internals, and is reported neither once nor twice; a catch around a database call that
// sends the raw error is still a leak, reported once.
import { test } from 'node:test';
import { checkRule } from '../helpers/check-rule';

test('error-leak: verifier errors forwarded are fine; raw database errors are one finding', async () => {
  const scan = await checkRule('error-leak', `
//- plugins/auth.js
'use strict';
const fp = require('fastify-plugin');
module.exports = fp(async function authPlugin(fastify) {
  fastify.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET });
  fastify.decorate('authenticate', async function (request, reply) {
    try {
      await request.jwtVerify();
    } catch (err) {
      reply.send(err); // ok: error-leak
    }
  });
  fastify.get('/tickets', async function (request, reply) {
    try {
      return await fastify.pg.query('select * from tickets');
    } catch (err) {
      reply.send(err); // expect: error-leak
    }
  });
});
`);
  const leaks = scan.result.findings.filter((f) => f.rule === 'error-leak');
  if (leaks.length !== 1) throw new Error(`expected one finding, got ${leaks.length}`);
});

test('error-leak: a Supabase query error sent with a 500 is a leak; a 404 or a generic message is not', async () => {
  await checkRule('error-leak', `
//- app/api/docs/route.ts
import { NextResponse } from 'next/server';
import { createClient } from '@supabase/supabase-js';
const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);
export async function GET(req: Request) {
  const id = new URL(req.url).searchParams.get('id');
  const { data, error } = await supabase.from('documents').select('title').eq('id', id).single();
  if (error) return NextResponse.json({ error: error.message }, { status: 500 }); // expect: error-leak
  return NextResponse.json(data);
}
export async function POST(req: Request) {
  const { data, error } = await supabase.from('documents').select('title').limit(1).single();
  if (error) return NextResponse.json({ error: 'could not load documents' }, { status: 500 }); // ok: error-leak
  if (!data) return NextResponse.json({ error: error }, { status: 404 }); // ok: error-leak
  return NextResponse.json(data);
}
`);
});
