import * as Sentry from '@sentry/node';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import cors from '@koa/cors';
import jwt from 'koa-jwt';
import { errors } from './middleware/errors.js';
import { publicRouter } from './routes/public.js';
import { accountsRouter } from './routes/accounts.js';
import { assistRouter } from './routes/assist.js';

Sentry.init({ dsn: process.env.SENTRY_DSN });

const app = new Koa();
app.use(errors);
app.use(cors({ origin: 'https://crm.example.com', credentials: true })); // ok: cors-permissive
app.use(bodyParser());
app.use(publicRouter.routes());
app.use(jwt({ secret: process.env.JWT_SECRET }).unless({ path: [/^\/health/, /^\/auth\//] }));
app.use(accountsRouter.routes());
app.use(assistRouter.routes());

app.listen(process.env.PORT || 3000);
