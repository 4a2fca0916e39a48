import rateLimit from 'express-rate-limit';

/** Keyed by IP address (the library default). */
export const chatLimiter = rateLimit({ windowMs: 60_000, max: 30 });
