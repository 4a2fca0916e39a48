import type { Context, Next } from 'koa';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const jwks = createRemoteJWKSet(new URL(process.env.JWKS_URL!));

// Everything registered after this middleware (see index.ts) needs a valid bearer token.
export async function requireUser(ctx: Context, next: Next) {
  const token = ctx.get('authorization').replace(/^Bearer /, '');
  try {
    const { payload } = await jwtVerify(token, jwks, { audience: 'widget-gateway' });
    ctx.state.user = { id: payload.sub as string, siteId: payload.site_id as string };
  } catch {
    ctx.throw(401, 'unauthorized');
  }
  await next();
}
