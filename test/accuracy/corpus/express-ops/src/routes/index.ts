import type { Express } from 'express';
import { body } from 'express-validator';
import { MacrosController } from '../controllers/macros';
import { purgeTenant, summarise } from '../controllers/escalations';
import { isAdmin } from '../middleware/passport';

const macros = new MacrosController();

export function registerRoutes(app: Express) {
  app.get('/v1/macros/:id', macros.show.bind(macros));
  app.get('/v1/macros/:id/preview', macros.preview.bind(macros)); // expect: authz-missing
  app.post('/v1/macros', body('title').isString().isLength({ max: 120 }), body('body').isString(), macros.create.bind(macros));
  app.patch('/v1/macros/:id', macros.rename.bind(macros));
  app.post('/v1/escalations/summary', summarise); // ok: auth-missing // expect: ratelimit-missing (AI route limited only per IP: reported at warning)
  app.post('/v1/admin/tenants/:id/purge', isAdmin, purgeTenant); // ok: authz-missing
}
