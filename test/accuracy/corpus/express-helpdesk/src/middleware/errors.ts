import type { NextFunction, Request, Response } from 'express';
import { logger } from '../lib/logger';

export function errorHandler(err: Error, req: Request, res: Response, _next: NextFunction) {
  logger.error({ err, path: req.path }, 'request failed');
  res.status(500).json({ error: 'internal_error', requestId: req.headers['x-request-id'] }); // ok: error-leak
}
