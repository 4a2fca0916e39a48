export const logger = {
  debug: (o: object) => process.stdout.write(JSON.stringify({ level: 'debug', ...o }) + '\n'),
  info: (o: object) => process.stdout.write(JSON.stringify({ level: 'info', ...o }) + '\n'),
};
