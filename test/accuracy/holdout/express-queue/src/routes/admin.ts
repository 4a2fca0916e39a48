import { Router } from 'express';
import { prisma } from '../lib/db';

export const adminRouter = Router();

adminRouter.get('/users', async (req, res) => { // ok: authz-missing, ratelimit-missing
  res.json(await prisma.user.findMany({ where: { orgId: req.user!.orgId }, select: { id: true, email: true, role: true } }));
});

// An org owner is a tenant admin, not a platform admin: this lets one customer's owner re-role another org's users.
adminRouter.post('/users/:id/role', async (req, res) => { // ok: ratelimit-missing
  const user = await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } }); // expect: authz-missing, validation-missing
  res.json({ id: user.id, role: user.role });
});
