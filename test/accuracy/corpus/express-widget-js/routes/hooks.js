const express = require('express');
const { Conversation } = require('../lib/models');

const router = express.Router();

// Helpdesk (Zendesk) pushes agent replies here.
router.post('/zendesk', async (req, res) => { // expect: webhook-unverified, ratelimit-missing
  await Conversation.updateOne({ _id: req.body.conversationId }, { $push: { messages: req.body.message } }); // expect: validation-missing
  res.sendStatus(200);
});

module.exports = router;
