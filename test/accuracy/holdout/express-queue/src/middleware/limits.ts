import rateLimit from 'express-rate-limit';

// Blanket per-IP limit for the whole API and the webhooks.
export const apiLimiter = rateLimit({ windowMs: 60_000, limit: 300, standardHeaders: 'draft-7' });

// Chat is billed per token, so it is limited per signed-in user, not per IP.
export const chatLimiter = rateLimit({ windowMs: 60_000, limit: 20, keyGenerator: (req) => req.user!.id });

export const loginLimiter = rateLimit({ windowMs: 15 * 60_000, limit: 10 });
