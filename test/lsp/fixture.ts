/**
 * The Express workspace the LSP tests run against: a router built in one file and mounted behind the project's own
 * guard in another (so a change in the mount file changes diagnostics in the router file), plus an admin route with
 * no guard at all. `requireAuth` is named in readiness.config.json so the tests do not depend on how well guard
 * behaviour is recognised.
 */
import { writeFixture } from '../helpers/fixture';

export const FILES: Record<string, string> = {
  'package.json': '{ "name": "lsp-fixture", "dependencies": { "express": "^4.19.0" } }\n',
  'readiness.config.json': '{ "helpers": { "auth": ["requireAuth"] } }\n',
  'src/auth.ts': `import type { NextFunction, Request, Response } from 'express';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });
  next();
}
`,
  'src/tickets.ts': `import { Router } from 'express';

export const tickets = Router();

tickets.get('/:id', async (req, res) => {
  res.json({ id: req.params.id });
});
`,
  'src/app.ts': `import express from 'express';
import { requireAuth } from './auth';
import { tickets } from './tickets';

const app = express();
app.use('/api/tickets', requireAuth, tickets);
app.get('/api/admin/users', (req, res) => {
  res.json([]);
});
app.listen(3000);
`,
};

export function expressWorkspace(): string {
  return writeFixture(FILES, 'readiness-lsp-');
}
