/** The tool's version, injected at build time from package.json. */
declare const __READINESS_VERSION__: string | undefined;

export function version(): string {
  return typeof __READINESS_VERSION__ === 'string' ? __READINESS_VERSION__ : '0.0.0-dev';
}
