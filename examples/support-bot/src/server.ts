import express from 'express';
import cors from 'cors';
import { logger } from './lib/logger';
import { authRouter } from './routes/auth';
import { chatRouter } from './routes/chat';
import { ticketsRouter } from './routes/tickets';
import { adminRouter } from './routes/admin';
import { usageRouter } from './routes/usage';
import webhooks from './routes/webhooks';
import { requireAuth } from './middleware/auth';

const app = express();

// The widget is embedded on customers' sites, so the team opened CORS up "for now".
app.use(cors({ origin: true, credentials: true }));
app.use('/api/webhooks', express.raw({ type: 'application/json' }), webhooks);
app.use(express.json());

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

app.use('/api/auth', authRouter);
app.use('/api/chat', requireAuth, chatRouter);
app.use('/api/tickets', requireAuth, ticketsRouter);
app.use('/api/admin', requireAuth, adminRouter);
app.use('/api/usage', usageRouter);

app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  logger.error(err);
  res.status(500).json({ error: err.message, stack: err.stack });
});

app.listen(Number(process.env.PORT ?? 3000));
