import express from 'express';
import cors from 'cors';
import * as Sentry from '@sentry/node';
import { requireRole, requireUser } from './middleware/auth';
import { apiLimiter, chatLimiter } from './middleware/limits';
import { authRouter } from './routes/auth';
import { conversationsRouter } from './routes/conversations';
import { chatRouter } from './routes/chat';
import { adminRouter } from './routes/admin';
import { webhooksRouter } from './routes/webhooks';
import { logger } from './lib/logger';

export const app = express();

app.use(cors({ origin: process.env.WEB_ORIGIN, credentials: true })); // ok: cors-permissive
app.get('/health', (_req, res) => res.json({ ok: true }));

// Webhooks verify signatures over the raw body, so they are mounted before express.json().
app.use('/webhooks', apiLimiter, express.raw({ type: 'application/json' }), webhooksRouter);
app.use(express.json({ limit: '200kb' }));

app.use('/auth', authRouter);
app.use('/api', apiLimiter, requireUser);
app.use('/api/conversations', conversationsRouter);
app.use('/api/chat', chatLimiter, chatRouter);
app.use('/api/admin', requireRole('owner'), adminRouter);

Sentry.setupExpressErrorHandler(app);
app.use((err: Error, req: express.Request, res: express.Response, _next: express.NextFunction) => {
  logger.error({ err, path: req.path }, 'unhandled error');
  res.status(500).json({ error: 'internal_error' }); // ok: error-leak
});
