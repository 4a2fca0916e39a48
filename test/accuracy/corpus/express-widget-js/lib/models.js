const mongoose = require('mongoose');

const User = mongoose.model('User', new mongoose.Schema({ email: String, passwordHash: String, siteId: String }));
const Conversation = mongoose.model('Conversation', new mongoose.Schema({ siteId: String, userId: String, messages: Array }));

module.exports = { User, Conversation };
