import express from 'express';
import cors from 'cors';
import helmet from 'helmet';
import * as Sentry from '@sentry/node';
import { requireAuth } from './middleware/auth';
import { apiLimiter, chatLimiter } from './middleware/limits';
import { ticketsRouter } from './routes/tickets';
import { chatRouter } from './routes/chat';
import { adminRouter } from './routes/admin';
import { webhooksRouter } from './routes/webhooks';
import { errorHandler } from './middleware/errors';

export const app = express();

const allowed = (process.env.ALLOWED_ORIGINS ?? '').split(',');
app.use(helmet());
app.use(cors({ origin: allowed, credentials: true })); // ok: cors-permissive

// Stripe needs the raw body, so webhooks are mounted before the JSON parser.
app.use('/webhooks', apiLimiter, webhooksRouter);
app.use(express.json({ limit: '100kb' }));

app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));

app.use('/api', requireAuth, apiLimiter);
app.use('/api/tickets', ticketsRouter);
app.use('/api/chat', chatLimiter, chatRouter);
app.use('/api/admin', adminRouter);

Sentry.setupExpressErrorHandler(app);
app.use(errorHandler);
