import { NodeSDK } from '@opentelemetry/sdk-node';
import express from 'express';
import session from 'express-session';
import rateLimit from 'express-rate-limit';
import { agentRouter } from './routes/agent';
import { mcpRouter } from './mcp/http';
import { logger } from './lib/logger';

new NodeSDK({ serviceName: 'agent-desk' }).start();

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { secure: true, sameSite: 'lax' } }));
app.use(rateLimit({ windowMs: 60_000, limit: 60, keyGenerator: (req) => (req.session as any).userId ?? req.ip }));
app.get('/livez', (_req, res) => res.sendStatus(204));
app.use('/agent', agentRouter);
app.use('/mcp', mcpRouter);

app.use((err: Error, req: express.Request, res: express.Response, _next: express.NextFunction) => {
  logger.error('unhandled', { message: err.message, path: req.path }); // ok: log-sensitive
  res.status(500).json({ error: 'Something went wrong' }); // ok: error-leak
});

app.listen(3000);
