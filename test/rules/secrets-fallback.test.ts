// Regression: a signing secret written as the fallback of an env read (`process.env.JWT_SECRET || 'dev-key'`) is
// hard-coded — production signs with it the day the variable is unset; empty and placeholder fallbacks are not.
import { test } from 'node:test';
import { checkRule } from '../helpers/check-rule';

test('secret-hardcoded: || and ?? fallbacks of secret env reads', async () => {
  await checkRule('secret-hardcoded', `
//- src/auth.ts
import jwt from 'jsonwebtoken';
const SECRET = process.env.JWT_SECRET || 'supersecret-dev-key'; // expect: secret-hardcoded
const SESSION = process.env.SESSION_SECRET ?? 'q8Jx2-local-session'; // expect: secret-hardcoded
const EMPTY = process.env.WEBHOOK_SECRET || ''; // ok: secret-hardcoded
const PLACEHOLDER = process.env.JWT_SECRET || 'changeme'; // ok: secret-hardcoded
const MODE = process.env.NODE_ENV || 'development'; // ok: secret-hardcoded
export const issue = (id: string) => jwt.sign({ sub: id }, SECRET + SESSION + EMPTY + PLACEHOLDER + MODE);
`);
});
