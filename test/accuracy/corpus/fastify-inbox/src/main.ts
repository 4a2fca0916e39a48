import * as Sentry from '@sentry/node';
import { buildApp } from './app';

Sentry.init({ dsn: process.env.SENTRY_DSN });
const app = await buildApp();
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
