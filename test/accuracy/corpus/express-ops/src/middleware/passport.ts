import passport from 'passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

passport.use(new Strategy({
  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  secretOrKey: process.env.JWT_PUBLIC_KEY,
  algorithms: ['RS256'],
}, (payload, done) => done(null, { id: payload.sub, tenantId: payload.tid, roles: payload.roles ?? [] })));

export const authenticate = passport.authenticate('jwt', { session: false });

export const isAdmin = (req: any, res: any, next: any) => (req.user?.roles.includes('admin') ? next() : res.sendStatus(403));
