import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export interface SessionUser { id: string; orgId: string; role: 'agent' | 'owner' }
declare global { namespace Express { interface Request { user?: SessionUser } } }

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET!) as SessionUser; // ok: secret-hardcoded
    next();
  } catch {
    res.status(401).json({ error: 'unauthenticated' });
  }
}

export const requireRole = (role: SessionUser['role']) => (req: Request, res: Response, next: NextFunction) =>
  req.user?.role === role ? next() : res.status(403).json({ error: 'forbidden' });
