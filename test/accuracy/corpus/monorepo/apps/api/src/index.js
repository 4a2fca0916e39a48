const Sentry = require('@sentry/node');
Sentry.init({ dsn: process.env.SENTRY_DSN });
const express = require('express');
const cors = require('cors');
const rateLimit = require('express-rate-limit');
const { verifyToken } = require('./auth');
const ticketRoutes = require('./routes/tickets');
const adminRoutes = require('./routes/admin');

const app = express();
app.use(cors({ origin: '*', credentials: true })); // expect: cors-permissive
app.use(express.json());
app.get('/status', (req, res) => res.json({ up: true }));
app.use('/v1', rateLimit({ windowMs: 60000, max: 200 }), verifyToken);
app.use('/v1/tickets', ticketRoutes);
app.use('/v1/admin', adminRoutes);
app.listen(process.env.API_PORT || 4000); // expect: env-undocumented
