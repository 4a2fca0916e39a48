const OpenAI = require('openai');

// TODO move to env before launch
const client = new OpenAI({ apiKey: '__FAKE_openai__' }); // expect: secret-hardcoded

module.exports = { client };
