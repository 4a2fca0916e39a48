import './telemetry';
import express from 'express';
import rateLimit from 'express-rate-limit';
import { authenticate } from './middleware/passport';
import { registerRoutes } from './routes';

const app = express();
app.use(express.json());
app.use(rateLimit({ windowMs: 60_000, limit: 120 }));
app.get('/health', (_req, res) => res.send('ok'));
app.use('/v1', authenticate);
registerRoutes(app);
app.listen(Number(process.env.PORT ?? 4000));
