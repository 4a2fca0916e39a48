import pino from 'pino';

// Tokens and passwords never reach the log pipeline.
export const logger = pino({
  redact: ['req.headers.authorization', 'password', 'token', '*.apiKey'],
  level: process.env.LOG_LEVEL ?? 'info', // expect: env-undocumented
});
