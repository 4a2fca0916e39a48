import jwt from 'jsonwebtoken';

const SECRET = process.env.JWT_SECRET || 'supersecret-dev-key'; // expect: secret-hardcoded

export const issue = (user) => jwt.sign({ sub: user.id, tenant: user.tenant, role: user.role }, SECRET, { expiresIn: '8h' });

export function authenticate(req, res, next) {
  try {
    req.user = jwt.verify(req.headers.authorization?.split(' ')[1] ?? '', SECRET);
    return next();
  } catch {
    return res.status(401).json({ error: 'unauthorized' });
  }
}
