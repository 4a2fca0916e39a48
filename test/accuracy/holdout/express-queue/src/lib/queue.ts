import { Queue } from 'bullmq';
import IORedis from 'ioredis';

export const connection = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null }); // ok: env-undocumented
export const summaryQueue = new Queue('conversation-summary', { connection });
export const ticketSyncQueue = new Queue('zendesk-sync', { connection });
