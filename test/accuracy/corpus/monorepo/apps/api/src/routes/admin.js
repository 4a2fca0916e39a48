const express = require('express');
const { Org } = require('../models');

const router = express.Router();

function requireAdmin(req, res, next) {
  if (!req.user.roles || !req.user.roles.includes('admin')) return res.status(403).json({ error: 'admins only' });
  next();
}

router.use(requireAdmin);

router.put('/orgs/:id/plan', async (req, res) => { // ok: authz-missing, ratelimit-missing
  await Org.update({ plan: req.body.plan }, { where: { id: req.params.id } }); // expect: validation-missing
  res.sendStatus(204);
});

module.exports = router;
