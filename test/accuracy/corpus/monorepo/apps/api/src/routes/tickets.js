const express = require('express');
const { z } = require('zod');
const { Ticket } = require('../models');
const { summarize } = require('@supportly/shared');

const router = express.Router();
const StatusUpdate = z.object({ status: z.enum(['open', 'pending', 'solved']) });

router.get('/:id', async (req, res) => { // ok: auth-missing
  const ticket = await Ticket.findOne({ where: { id: req.params.id, orgId: req.user.orgId } }); // ok: authz-missing
  if (!ticket) return res.sendStatus(404);
  res.json(ticket);
});

router.patch('/:id/status', async (req, res) => {
  const { status } = StatusUpdate.parse(req.body);
  const ticket = await Ticket.findByPk(req.params.id); // ok: authz-missing
  if (!ticket) return res.sendStatus(404);
  if (ticket.orgId !== req.user.orgId) return res.sendStatus(403);
  await ticket.update({ status }); // ok: validation-missing
  res.json(ticket);
});

router.post('/:id/summary', async (req, res) => { // expect: ratelimit-missing
  const ticket = await Ticket.findByPk(req.params.id); // expect: authz-missing
  res.json({ summary: await summarize(ticket.subject) });
});

module.exports = router;
