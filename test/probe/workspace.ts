/**
 * A small Express workspace whose static scan gives the probe its route inventory (the same routes the test
 * staging app serves): auth on tickets and chat, a login limiter, an unauthenticated reports route, a webhook.
 */
export const SERVER = `import express from 'express';
import rateLimit from 'express-rate-limit';
const app = express();
app.use(express.json());
function requireAuth(req: any, res: any, next: any) {
  if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });
  next();
}
const loginLimiter = rateLimit({ windowMs: 60_000, limit: 5 });
app.get('/api/tickets/:id', requireAuth, async (req, res) => {
  res.json({ id: req.params.id });
});
app.get('/api/reports', async (req, res) => {
  res.json({ reports: [] });
});
app.post('/api/login', loginLimiter, async (req, res) => {
  res.status(400).json({ error: 'bad credentials' });
});
app.post('/api/chat', requireAuth, async (req, res) => {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages: req.body.messages });
  res.json(completion);
});
app.post('/api/webhooks/stripe', async (req, res) => {
  res.json({ received: true });
});
app.get('/health', (req, res) => res.json({ ok: true }));
app.listen(3000);
`;
export const FILES = {
  'package.json': JSON.stringify({ name: 'fx', dependencies: { express: '^4.19.0', 'express-rate-limit': '^7.0.0', openai: '^4.0.0' } }),
  'src/server.ts': SERVER,
};
