import './otel';
import Koa from 'koa';
import cors from '@koa/cors';
import { koaBody } from 'koa-body';
import Router from '@koa/router';
import { requireUser } from './lib/auth';
import { logger } from './lib/logger';
import { widgetRouter } from './routes/widget';
import { slackRouter } from './routes/slack';

const app = new Koa();

// @koa/cors reflects the request's Origin when no origin option is given; with credentials that trusts every site.
app.use(cors({ credentials: true })); // expect: cors-permissive
app.use(async (ctx, next) => {
  logger.debug({ method: ctx.method, path: ctx.path, headers: ctx.headers }); // expect: log-sensitive
  await next();
});
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = 500;
    ctx.body = { error: String(err) }; // expect: error-leak
  }
});

const root = new Router();
root.get('/healthcheck', (ctx) => { // ok: auth-missing
  ctx.body = 'ok';
});
app.use(root.routes());
app.use(slackRouter.routes());
app.use(koaBody());
app.use(requireUser);
app.use(widgetRouter.routes());

app.listen(Number(process.env.PORT ?? 3000));
