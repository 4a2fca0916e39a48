export async function errors(ctx, next) {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { message: err.message, stack: err.stack }; // expect: error-leak
    ctx.app.emit('error', err, ctx);
  }
}
