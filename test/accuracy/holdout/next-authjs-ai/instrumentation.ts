import * as Sentry from '@sentry/nextjs';

export function register() {
  Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.2 }); // ok: env-undocumented
}
