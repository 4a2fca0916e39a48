import { Router } from 'express';
import { prisma } from '../lib/db';

export const adminRouter = Router();

adminRouter.get('/tenants', async (_req, res) => {
  res.json(await prisma.tenant.findMany());
});

adminRouter.delete('/tenants/:id', async (req, res) => {
  await prisma.tenant.delete({ where: { id: req.params.id } });
  res.status(204).end();
});
