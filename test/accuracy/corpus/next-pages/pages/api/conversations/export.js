import { getServerSession } from 'next-auth/next';
import { authOptions } from '../../../lib/authOptions';
import { db } from '../../../lib/mongo';

export default async function handler(req, res) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).end();
  console.log('export requested', { user: session.user.email, token: req.cookies['next-auth.session-token'] }); // expect: log-sensitive
  const rows = await db.collection('conversations').find({ workspace: req.query.workspace }).toArray(); // expect: authz-missing, validation-missing
  res.json(rows);
}
