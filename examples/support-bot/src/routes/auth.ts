import { Router } from 'express';
import jwt from 'jsonwebtoken';
import { prisma } from '../lib/db';
import { logger } from '../lib/logger';

export const authRouter = Router();

authRouter.post('/login', async (req, res) => {
  logger.info({ body: req.body }, 'login attempt');
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  if (!user || !(await verifyPassword(user.passwordHash, req.body.password))) {
    return res.status(401).json({ error: 'Wrong email or password' });
  }
  const token = jwt.sign({ id: user.id, tenantId: user.tenantId, role: user.role }, process.env.JWT_SECRET!, { expiresIn: '1h' });
  return res.json({ token });
});

async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const { scrypt, timingSafeEqual } = await import('node:crypto');
  const [salt, key] = hash.split(':');
  const derived = await new Promise<Buffer>((ok, fail) => scrypt(password, salt, 64, (e, k) => (e ? fail(e) : ok(k))));
  return timingSafeEqual(derived, Buffer.from(key, 'hex'));
}
