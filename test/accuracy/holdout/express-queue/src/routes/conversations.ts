import { Router } from 'express';
import { prisma } from '../lib/db';
import { listMessages } from '../services/accounts';

export const conversationsRouter = Router();

conversationsRouter.get('/', async (req, res) => { // ok: auth-missing
  const rows = await prisma.conversation.findMany({ where: { orgId: req.user!.orgId }, orderBy: { updatedAt: 'desc' }, take: 50 });
  res.json(rows);
});

conversationsRouter.get('/:id', async (req, res) => {
  const convo = await prisma.conversation.findFirst({ where: { id: req.params.id, orgId: req.user!.orgId } }); // ok: authz-missing
  if (!convo) return res.status(404).json({ error: 'not_found' });
  res.json(convo);
});

// The transcript view loads messages by conversation id only; the org is never checked.
conversationsRouter.get('/:id/messages', async (req, res) => { // expect: authz-missing
  res.json(await listMessages(req.params.id));
});

conversationsRouter.patch('/:id', async (req, res) => {
  try {
    const updated = await prisma.conversation.update({ where: { id: req.params.id }, data: { title: req.body.title, status: req.body.status } }); // expect: authz-missing, validation-missing
    res.json(updated);
  } catch (e) {
    res.status(500).json({ error: (e as Error).message }); // expect: error-leak
  }
});
