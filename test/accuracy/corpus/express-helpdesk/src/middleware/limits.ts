import rateLimit from 'express-rate-limit';

export const apiLimiter = rateLimit({ windowMs: 60_000, limit: 300, standardHeaders: 'draft-7' });
export const chatLimiter = rateLimit({ windowMs: 60_000, limit: 20, keyGenerator: (req) => req.user?.id ?? req.ip ?? '' });
