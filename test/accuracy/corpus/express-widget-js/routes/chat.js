const express = require('express');
const { client } = require('../lib/openai');
const { Conversation } = require('../lib/models');
const { mustBeLoggedIn } = require('../lib/session');

const router = express.Router();

// Anonymous visitors chat here too, so there is no login check and no limit: anyone can burn the OpenAI budget.
router.post('/', async (req, res) => { // expect: auth-missing, ratelimit-missing
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: req.body.messages }); // expect: validation-missing
  res.json(completion.choices[0].message);
});

router.get('/history/:id', mustBeLoggedIn, async (req, res) => { // ok: auth-missing
  const convo = await Conversation.findById(req.params.id); // expect: authz-missing
  res.json(convo);
});

router.get('/mine', mustBeLoggedIn, async (req, res) => {
  res.json(await Conversation.find({ userId: req.user.id }).limit(20)); // ok: authz-missing
});

module.exports = router;
