import type { FastifyPluginAsync } from 'fastify';
import { db } from '../lib/db.js';

// The CSAT report was built for an internal dashboard and registered without the auth hook.
const reports: FastifyPluginAsync = async (fastify) => {
  fastify.get<{ Querystring: { workspaceId: string } }>('/csat', async (req) => { // expect: auth-missing
    return db.selectFrom('csat').selectAll().where('workspace_id', '=', req.query.workspaceId).execute(); // expect: authz-missing, validation-missing
  });
};
export default reports;
