import { getServerSession } from 'next-auth/next';
import { authOptions } from '../../../lib/authOptions';
import { db } from '../../../lib/mongo';

// Lists every user of every workspace; only checks that someone is signed in.
export default async function handler(req, res) { // expect: authz-missing, ratelimit-missing
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).end();
  try {
    res.json(await db.collection('users').find({}).project({ email: 1, role: 1 }).toArray());
  } catch (e) {
    res.status(500).json({ error: e.toString() }); // expect: error-leak
  }
}
