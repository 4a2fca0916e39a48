export { auth as middleware } from './auth';

// Everything under /api requires a session except the public health check and signed webhooks.
export const config = { matcher: ['/api/((?!health|webhooks).*)', '/support/:path*'] };
