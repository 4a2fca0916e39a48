// Tiny structured logger: JSON lines to stdout, shipped by the platform.
export const logger = {
  info: (msg: string, meta: Record<string, unknown> = {}) => console.log(JSON.stringify({ level: 'info', msg, ...meta })),
  error: (msg: string, meta: Record<string, unknown> = {}) => console.error(JSON.stringify({ level: 'error', msg, ...meta })),
};
