import { getServerSession } from 'next-auth/next';
import { ObjectId } from 'mongodb';
import * as yup from 'yup';
import { authOptions } from '../../../lib/authOptions';
import { db } from '../../../lib/mongo';

const patchSchema = yup.object({ title: yup.string().max(120).required() }).noUnknown();

export default async function handler(req, res) { // ok: auth-missing
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).json({ error: 'unauthorized' });
  const filter = { _id: new ObjectId(String(req.query.id)), ownerId: session.user.id };

  if (req.method === 'GET') {
    const convo = await db.collection('conversations').findOne(filter); // ok: authz-missing
    return convo ? res.json(convo) : res.status(404).end();
  }
  if (req.method === 'PATCH') {
    const { title } = await patchSchema.validate(req.body);
    await db.collection('conversations').updateOne(filter, { $set: { title } }); // ok: validation-missing, authz-missing
    return res.status(204).end();
  }
  res.status(405).end();
}
