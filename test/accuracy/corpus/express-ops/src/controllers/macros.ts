import type { Request, Response } from 'express';
import { validationResult } from 'express-validator';
import { getMacro, getMacroForTenant, pool } from '../services/db';

export class MacrosController {
  async show(req: Request, res: Response) {
    const macro = await getMacroForTenant(req.params.id, (req.user as any).tenantId); // ok: authz-missing
    if (!macro) return res.sendStatus(404);
    res.json(macro);
  }

  async preview(req: Request, res: Response) {
    const macro = await getMacro(req.params.id);
    res.json({ preview: macro?.body?.slice(0, 200) });
  }

  async create(req: Request, res: Response) {
    if (!validationResult(req).isEmpty()) return res.status(422).json({ errors: validationResult(req).array() });
    const { title, body } = req.body;
    const { rows } = await pool.query( // ok: validation-missing
      'INSERT INTO macros (title, body, tenant_id) VALUES ($1, $2, $3) RETURNING *',
      [title, body, (req.user as any).tenantId],
    );
    res.status(201).json(rows[0]);
  }

  async rename(req: Request, res: Response) {
    const { rows } = await pool.query( // expect: validation-missing, authz-missing
      `UPDATE macros SET title = $1 WHERE id = $2 RETURNING *`,
      [req.body.title, req.params.id],
    );
    res.json(rows[0]);
  }
}
