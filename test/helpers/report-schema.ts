/**
 * CONTRACT.md's JSON report shape as a zod schema: the test that every `scan --format json` output validates
 * against it keeps the public contract honest.
 */
import { z } from 'zod';

const severity = z.enum(['error', 'warning', 'info']);
const protectionName = z.string().nullable();

export const jsonReportSchema = z
  .object({
    reportVersion: z.literal(1),
    tool: z.object({ name: z.literal('launch-readiness'), version: z.string().min(1) }),
    root: z.string(),
    routes: z.array(
      z.object({
        method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL']),
        path: z.string().startsWith('/'),
        file: z.string().regex(/^[^\\]+$/),
        line: z.number().int().min(1),
        framework: z.enum(['express', 'fastify', 'nextjs', 'nestjs', 'hono', 'koa']),
        tags: z.array(z.enum(['ai', 'auth', 'webhook', 'admin', 'health', 'public', 'data'])),
        protections: z.object({ auth: protectionName, rateLimit: protectionName, validation: protectionName, roles: protectionName }),
      }),
    ),
    findings: z.array(
      z.object({
        rule: z.string(),
        severity,
        message: z.string().min(1),
        check: z.string(),
        file: z.string().regex(/^[^\\]+$/),
        line: z.number().int().min(1),
        column: z.number().int().min(1),
        endLine: z.number().int().min(1),
        endColumn: z.number().int().min(1),
        route: z.string().nullable(),
        fingerprint: z.string().min(8),
        fixes: z.array(z.object({ title: z.string() })),
      }),
    ),
    scorecard: z.object({
      verdict: z.enum(['ready', 'not-ready']),
      checks: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          status: z.enum(['pass', 'warn', 'fail', 'unknown']),
          findings: z.number().int().min(0),
          source: z.enum(['static', 'probe', 'both']),
        }),
      ),
    }),
    stats: z.object({
      files: z.number().int().min(0),
      analyzedFiles: z.number().int().min(0),
      skipped: z.array(z.object({ file: z.string(), reason: z.string().min(1) })),
      durationMs: z.number().min(0),
    }),
  })
  .strict();
