import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { prisma } from '../lib/db';

const scrypt = promisify(scryptCb) as (p: string, s: Buffer, n: number) => Promise<Buffer>;

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [salt, hash] = stored.split(':').map((p) => Buffer.from(p, 'hex'));
  const candidate = await scrypt(password, salt, hash.length);
  return timingSafeEqual(candidate, hash);
}

export async function sendMagicLink(email: string): Promise<void> {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) return;
  const token = randomBytes(32).toString('hex');
  await prisma.magicLink.create({ data: { userId: user.id, token, expiresAt: new Date(Date.now() + 15 * 60_000) } });
}

export async function listMessages(conversationId: string) {
  return prisma.message.findMany({ where: { conversationId }, orderBy: { createdAt: 'asc' } });
}
