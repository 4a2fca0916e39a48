import './instrument';
import { app } from './app';
import { logger } from './lib/logger';

const port = Number(process.env.PORT ?? 3000); // ok: env-undocumented
app.listen(port, () => logger.info({ port }, 'helpdesk api listening'));
