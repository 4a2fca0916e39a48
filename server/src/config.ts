/**
 * `readiness.config.json`: the zod schema (the single source of truth; the JSON Schema contributed to VS Code is
 * generated from it), loading, and one-line error messages that name the offending field.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const severity = z.enum(['off', 'error', 'warning', 'info']);

const ruleSetting = z.union(
  [
  severity,
  z
    .object({
      severity: severity.optional().describe('Severity for this rule, or "off".'),
      options: z.record(z.string(), z.unknown()).optional().describe('Rule-specific options.'),
    })
    .strict(),
  ],
  { error: 'expected "off", "error", "warning", "info" or { "severity": …, "options": … }' },
);

const protectionKind = z.enum(['auth', 'role', 'rateLimit', 'validation']);

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    include: z
      .array(z.string())
      .optional()
      .describe('Globs (relative to the workspace root) of files to analyse. Default: every JS/TS file.'),
    exclude: z.array(z.string()).optional().describe('Globs of files to leave out, on top of .gitignore.'),
    publicRoutes: z
      .array(z.string())
      .optional()
      .describe('Routes that are public on purpose: "GET /api/status", "/api/public/**" (any method).'),
    helpers: z
      .object({
        auth: z.array(z.string()).optional().describe('Names of the project’s own authentication middleware/guards.'),
        roles: z.array(z.string()).optional().describe('Names of the project’s own role/claim checks.'),
        rateLimit: z.array(z.string()).optional().describe('Names of the project’s own rate limiters.'),
        validation: z.array(z.string()).optional().describe('Names of the project’s own validation helpers.'),
      })
      .strict()
      .optional()
      .describe('Project helpers that the catalogue and behaviour analysis might not recognise.'),
    rules: z
      .record(z.string(), ruleSetting)
      .optional()
      .describe('Per-rule severity ("off", "error", "warning", "info") or { severity, options }.'),
    controls: z
      .array(
        z
          .object({
            kind: protectionKind.describe('What the control provides.'),
            paths: z.array(z.string()).min(1).describe('Route path globs it covers, e.g. "/api/**".'),
            description: z.string().min(1).describe('Where it lives, e.g. "Cloudflare rate limiting rule 12".'),
          })
          .strict(),
      )
      .optional()
      .describe('Controls that live outside the code (gateway rate limits, SSO proxy); the probe can confirm them.'),
    probe: z
      .object({
        target: z.string().url().optional().describe('Staging URL the probe checks.'),
        domain: z.string().optional().describe('Sending domain for SPF/DKIM/DMARC/MX/CAA checks.'),
        dkimSelectors: z.array(z.string()).optional().describe('DKIM selectors to look up.'),
      })
      .strict()
      .optional(),
    baseline: z.string().optional().describe('Path of the baseline file (default readiness.baseline.json).'),
  })
  .strict();

export type ReadinessConfig = z.infer<typeof configSchema>;
export type RuleSetting = z.infer<typeof ruleSetting>;

export const CONFIG_FILE = 'readiness.config.json';

export class ConfigError extends Error {}

/** Turn the first zod issue into `file: path.to.field: message`. */
export function describeConfigError(file: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  let detail = issue.message;
  if (issue.code === 'unrecognized_keys') detail = `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${file}: ${path}: ${detail}`;
}

export function parseConfig(text: string, file = CONFIG_FILE): ReadinessConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const result = configSchema.safeParse(json);
  if (!result.success) throw new ConfigError(describeConfigError(file, result.error));
  return result.data;
}

/** Load the config from an explicit file or the root's readiness.config.json; `{}` when there is none. */
export function loadConfig(root: string, explicitFile?: string): ReadinessConfig {
  const file = explicitFile ?? join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicitFile) throw new ConfigError(`${explicitFile}: file not found`);
    return {};
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseConfig(text, explicitFile ?? CONFIG_FILE);
}

/** The JSON Schema for `jsonValidation`, generated from the zod schema. */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input' });
}
