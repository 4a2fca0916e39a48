import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import bcrypt from 'bcryptjs';
import crypto from 'node:crypto';
import { z } from 'zod';
import { User } from '../models/index.js';
import { issue } from '../lib/auth.js';

const router = Router();
const loginLimiter = rateLimit({ windowMs: 15 * 60_000, limit: 10 });
const Credentials = z.object({ email: z.string().email(), password: z.string().min(8).max(200) });

router.post('/login', loginLimiter, async (req, res) => { // ok: ratelimit-missing, auth-missing
  const { email, password } = Credentials.parse(req.body);
  const user = await User.findOne({ email }); // ok: validation-missing
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) return res.status(401).json({ error: 'invalid credentials' });
  res.json({ token: issue(user) });
});

router.post('/signup', async (req, res) => { // expect: ratelimit-missing
  const { email, password } = Credentials.parse(req.body);
  const user = await User.create({ email, passwordHash: await bcrypt.hash(password, 12), tenant: crypto.randomUUID(), role: 'owner' }); // ok: validation-missing
  res.status(201).json({ token: issue(user) });
});

router.post('/password-reset', async (req, res) => { // expect: ratelimit-missing
  const { email } = z.object({ email: z.string().email() }).parse(req.body);
  const token = crypto.randomBytes(32).toString('hex');
  await User.updateOne({ email }, { resetToken: token }); // ok: validation-missing
  console.log(`password reset token for ${email}: ${token}`); // expect: log-sensitive
  res.sendStatus(202);
});

export default router;
