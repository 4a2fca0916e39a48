const db = require('../lib/db');

// Tool implementations the model may call. `ctx` is the signed-in customer, passed by the chat route.
async function getOrderStatus(args, ctx) {
  return db('orders').where({ id: args.orderId, customer_id: ctx.customerId }).first('id', 'status', 'eta');
}

async function getInvoice(args) {
  return db('invoices').where({ id: args.invoiceId }).first();
}

async function cancelOrder(args, ctx) {
  const order = await db('orders').where({ id: args.orderId }).first();
  if (!order || order.customer_id !== ctx.customerId) return { error: 'not found' };
  await db('orders').where({ id: order.id }).update({ status: 'cancel_requested' });
  return { ok: true };
}

module.exports = { getOrderStatus, getInvoice, cancelOrder };
