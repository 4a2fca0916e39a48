const express = require('express');
const bcrypt = require('bcryptjs');
const { User } = require('../lib/models');

const authRoutes = express.Router();

authRoutes.post('/login', async (req, res) => { // expect: ratelimit-missing
  const { email, password } = req.body;
  console.log('login attempt', email, password); // expect: log-sensitive
  const user = await User.findOne({ email: String(email) }); // ok: validation-missing
  if (!user || !(await bcrypt.compare(String(password), user.passwordHash))) return res.status(401).json({ error: 'invalid' });
  req.session.userId = user.id;
  res.json({ ok: true });
});

authRoutes.post('/logout', (req, res) => req.session.destroy(() => res.sendStatus(204))); // ok: ratelimit-missing, auth-missing

module.exports = { authRoutes };
