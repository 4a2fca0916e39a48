import { Router } from 'express';
import { prisma } from '../lib/db';
import { requireRole } from '../middleware/auth';

export const adminRouter = Router();

adminRouter.get('/orgs', requireRole('admin'), async (_req, res) => { // ok: authz-missing, ratelimit-missing
  res.json(await prisma.org.findMany({ take: 100 }));
});

// Any signed-in agent can impersonate: the role check was never added here.
adminRouter.post('/impersonate/:userId', async (req, res) => { // expect: authz-missing
  const target = await prisma.user.findUnique({ where: { id: req.params.userId } }); // ok: authz-missing (admin work is cross-tenant by design; the bug is the missing role, line above)
  res.json({ impersonating: target?.id });
});
