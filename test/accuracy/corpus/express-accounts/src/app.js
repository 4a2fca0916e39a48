import Bugsnag from '@bugsnag/js';
import BugsnagPluginExpress from '@bugsnag/plugin-express';
import express from 'express';
import cors from 'cors';
import mongoose from 'mongoose';
import { ZodError } from 'zod';
import accounts from './routes/accounts.js';
import inbox from './routes/inbox.js';
import intercom from './routes/intercom.js';
import { authenticate } from './lib/auth.js';

Bugsnag.start({ apiKey: process.env.BUGSNAG_API_KEY, plugins: [BugsnagPluginExpress] });
const bugsnag = Bugsnag.getPlugin('express');

const app = express();
app.use(bugsnag.requestHandler);
app.use(cors({ origin: /\.acme-support\.com$/, credentials: true })); // ok: cors-permissive
app.use('/integrations/intercom', intercom);
app.use(express.json());
app.get('/healthz', (req, res) => res.json({ ok: true })); // ok: auth-missing
app.use('/accounts', accounts);
app.use('/inbox', authenticate, inbox);

app.use(bugsnag.errorHandler);
app.use((err, req, res, next) => {
  if (err instanceof ZodError) return res.status(400).json({ error: 'invalid input', issues: err.issues }); // ok: error-leak
  res.status(500).json({ error: 'internal error' }); // ok: error-leak
});

await mongoose.connect(process.env.MONGO_URL);
app.listen(3000);
