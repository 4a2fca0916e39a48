const OpenAI = require('openai');
const tools = require('../tools');

const openai = new OpenAI();

const toolSpecs = [
  { type: 'function', function: { name: 'get_order_status', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } } },
  { type: 'function', function: { name: 'get_invoice', parameters: { type: 'object', properties: { invoiceId: { type: 'string' } } } } },
  { type: 'function', function: { name: 'cancel_order', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } } },
];

async function runTool(call, ctx) {
  const args = JSON.parse(call.function.arguments);
  switch (call.function.name) {
    case 'get_order_status': return tools.getOrderStatus(args, ctx); // ok: llm-tool-authz
    case 'get_invoice': return tools.getInvoice(args); // expect: llm-tool-authz
    case 'cancel_order': return tools.cancelOrder(args, ctx); // ok: llm-tool-authz
    default: return { error: 'unknown tool' };
  }
}

const chatBody = {
  type: 'object',
  required: ['messages'],
  properties: { messages: { type: 'array', maxItems: 40, items: { type: 'object', required: ['role', 'content'], properties: { role: { enum: ['user', 'assistant'] }, content: { type: 'string', maxLength: 4000 } } } } },
};

module.exports = async function chatRoutes(fastify) {
  fastify.post('/chat', { onRequest: [fastify.authenticate], schema: { body: chatBody } }, async (request) => { // expect: ratelimit-missing
    const ctx = { customerId: request.user.sub };
    const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: request.body.messages, tools: toolSpecs }); // ok: validation-missing
    const calls = first.choices[0].message.tool_calls || [];
    const results = await Promise.all(calls.map((c) => runTool(c, ctx)));
    return { reply: first.choices[0].message.content, results };
  });
};
