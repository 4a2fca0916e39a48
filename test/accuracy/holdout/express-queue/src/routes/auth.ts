import { Router } from 'express';
import { z } from 'zod';
import jwt from 'jsonwebtoken';
import { prisma } from '../lib/db';
import { loginLimiter } from '../middleware/limits';
import { verifyPassword, sendMagicLink } from '../services/accounts';
import { logger } from '../lib/logger';

export const authRouter = Router();
const Login = z.object({ email: z.string().email(), password: z.string().min(8).max(200) });

authRouter.post('/login', loginLimiter, async (req, res) => { // ok: ratelimit-missing, auth-missing
  const { email, password } = Login.parse(req.body);
  const user = await prisma.user.findUnique({ where: { email } }); // ok: validation-missing
  if (!user || !(await verifyPassword(user.passwordHash, password))) return res.status(401).json({ error: 'invalid_credentials' });
  const token = jwt.sign({ id: user.id, orgId: user.orgId, role: user.role }, process.env.JWT_SECRET!, { expiresIn: '8h' });
  res.json({ token });
});

// Added for the widget's passwordless sign-in; nobody put the login limiter on it.
authRouter.post('/magic-link', async (req, res) => { // expect: ratelimit-missing // ok: auth-missing
  try {
    await sendMagicLink(req.body.email); // expect: validation-missing
    res.status(202).json({ sent: true });
  } catch (err) {
    logger.warn({ body: req.body, err }, 'magic link failed'); // expect: log-sensitive
    res.status(202).json({ sent: true });
  }
});
