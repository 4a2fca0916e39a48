import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

export const chatLimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(20, '1 m'), prefix: 'chat' });
