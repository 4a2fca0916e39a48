import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export interface Caller {
  id: string;
  tenantId: string;
  role: 'agent' | 'admin';
}

declare global {
  namespace Express {
    interface Request {
      user?: Caller;
    }
  }
}

/** Verifies the bearer token issued by our auth service and puts the caller on the request. */
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    return res.status(401).json({ error: 'Sign in to continue' });
  }
  try {
    req.user = jwt.verify(header.slice(7), process.env.JWT_SECRET!) as Caller;
    return next();
  } catch {
    return res.status(401).json({ error: 'Your session has expired' });
  }
}

export function requireRole(role: Caller['role']) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.user?.role !== role) return res.status(403).json({ error: 'Not allowed' });
    return next();
  };
}
