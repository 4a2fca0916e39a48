import { Router } from 'express';
import { Conversation } from '../models/index.js';

const router = Router();

router.route('/conversations/:id')
  .get(async (req, res) => { // ok: auth-missing
    const convo = await Conversation.findOne({ _id: req.params.id, tenant: req.user.tenant }); // ok: authz-missing
    return convo ? res.json(convo) : res.sendStatus(404);
  })
  .put(async (req, res) => {
    const convo = await Conversation.findByIdAndUpdate(req.params.id, req.body, { new: true }); // expect: authz-missing, validation-missing
    res.json(convo);
  });

router.get('/conversations', async (req, res) => {
  res.json(await Conversation.find({ tenant: req.user.tenant }).sort({ _id: -1 }).limit(50)); // ok: authz-missing
});

export default router;
