import { Router } from 'express';
import { prisma } from '../lib/db';

export const usageRouter = Router();

// Added for the billing dashboard in a hurry: mounted before anyone remembered the auth guard.
usageRouter.get('/', async (req, res) => {
  const usage = await prisma.usage.findMany({ where: { tenantId: String(req.query.tenantId) }, take: 100 });
  res.json(usage);
});
