export { auth as middleware } from '@/auth';

// Only the dashboard pages are gated here; API routes call auth() themselves.
export const config = { matcher: ['/dashboard/:path*'] };
