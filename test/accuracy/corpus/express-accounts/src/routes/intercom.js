import express, { Router } from 'express';
import crypto from 'node:crypto';
import { Conversation } from '../models/index.js';

const router = Router();

// Intercom signs the raw body; this handler re-serialises the parsed JSON, so real signatures fail to match
// whenever key order or spacing differs, and the comparison is not constant-time.
router.post('/', express.json(), async (req, res) => { // expect: ratelimit-missing
  const digest = crypto.createHmac('sha1', process.env.INTERCOM_CLIENT_SECRET).update(JSON.stringify(req.body)).digest('hex'); // expect: webhook-unverified
  if (req.get('x-hub-signature') !== `sha1=${digest}`) return res.sendStatus(401);
  await Conversation.updateOne({ _id: req.body.data.item.id }, { $addToSet: { tags: 'intercom' } }); // expect: validation-missing
  res.sendStatus(200);
});

export default router;
