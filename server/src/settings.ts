/**
 * The `readiness.*` editor settings: a zod schema (each field falls back to its default on its own, so one bad value
 * does not reset the rest), pulled per workspace folder with `workspace/configuration`, cached per folder, and dropped
 * on `workspace/didChangeConfiguration`. Never held as server globals: every use asks the cache for its folder.
 */
import { z } from 'zod';

export const settingsSchema = z.object({
  /** Analyse this folder at all. */
  enable: z.boolean().catch(true).default(true),
  diagnostics: z
    .object({
      /** Publish findings at or above this severity. */
      minSeverity: z.enum(['info', 'warning', 'error']).catch('info').default('info'),
    })
    .catch({ minSeverity: 'info' as const })
    .default({ minSeverity: 'info' as const }),
  analysis: z
    .object({
      /** Wait this long after the last keystroke before re-analysing (ms). */
      debounceMs: z.number().int().min(0).max(5000).catch(150).default(150),
      /** Reuse facts cached on disk by content hash when indexing. */
      cache: z.boolean().catch(true).default(true),
    })
    .catch({ debounceMs: 150, cache: true })
    .default({ debounceMs: 150, cache: true }),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Parse whatever the client sent for the `readiness` section; anything unusable becomes the default. */
export function parseSettings(raw: unknown): Settings {
  const result = settingsSchema.safeParse(raw && typeof raw === 'object' ? raw : {});
  return result.success ? result.data : DEFAULT_SETTINGS;
}

/** Fetches the `readiness` section for one folder (workspace/configuration), or undefined when the client cannot. */
export type SettingsFetcher = (folderUri: string) => Promise<unknown>;

/** Per-folder settings cache: pulled on first use, dropped when the client says configuration changed. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(private readonly fetch: SettingsFetcher | undefined) {}

  get(folderUri: string): Promise<Settings> {
    let entry = this.cache.get(folderUri);
    if (!entry) {
      entry = this.fetch
        ? this.fetch(folderUri).then(parseSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      this.cache.set(folderUri, entry);
    }
    return entry;
  }

  clear(): void {
    this.cache.clear();
  }
}
