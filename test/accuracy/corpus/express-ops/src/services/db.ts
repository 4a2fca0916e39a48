import pg from 'pg';
import { config } from '../config';

export const pool = new pg.Pool({ connectionString: config.db });

export async function getMacro(id: string) {
  const { rows } = await pool.query('SELECT * FROM macros WHERE id = $1', [id]);
  return rows[0];
}

export async function getMacroForTenant(id: string, tenantId: string) {
  const { rows } = await pool.query('SELECT * FROM macros WHERE id = $1 AND tenant_id = $2', [id, tenantId]);
  return rows[0];
}
