// Internal back office for AnswerDesk support staff (issues credits, looks up accounts). Staff sign in via the SSO
// gateway, which issues the JWT checked here.
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const jwt = require('koa-jwt');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = new Koa();
const router = new Router({ prefix: '/admin' });

const requireRole = (role) => async (ctx, next) => {
  if (!ctx.state.user || !ctx.state.user.roles.includes(role)) ctx.throw(403, 'forbidden');
  await next();
};

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = { error: err.expose ? err.message : 'Internal Server Error' }; // ok: error-leak
    ctx.app.emit('error', err, ctx);
  }
});
app.use(bodyParser());
app.use(jwt({ secret: process.env.BACKOFFICE_JWT_SECRET })); // ok: secret-hardcoded, env-undocumented

router.get('/accounts', requireRole('support'), async (ctx) => { // ok: auth-missing, authz-missing // expect: ratelimit-missing
  const { rows } = await pool.query('select id, name, plan, credits from accounts order by created_at desc limit 200');
  ctx.body = rows;
});

// Issuing credits was meant for billing staff only; the requireRole('billing') guard was never added.
router.post('/accounts/:id/credits', async (ctx) => { // expect: authz-missing, ratelimit-missing // ok: auth-missing
  console.log('credit grant', ctx.request.body); // expect: log-sensitive
  await pool.query('update accounts set credits = credits + $1 where id = $2', [ctx.request.body.amount, ctx.params.id]); // expect: validation-missing // ok: authz-missing
  ctx.status = 204;
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(Number(process.env.BACKOFFICE_PORT || 4100)); // expect: env-undocumented
