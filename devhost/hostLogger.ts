import type { HostLogger } from './core/functionCatalog.js';

const levelTags = {
  trace: 'trace',
  debug: 'debug',
  information: 'info',
  warning: 'warn',
  error: 'error',
  critical: 'fatal',
  none: '',
} as const;

/** Writes host and function logs as single timestamped lines, errors to stderr. */
export function consoleHostLogger(minimum: 'debug' | 'information' = 'information'): HostLogger {
  return (level, category, message) => {
    if (level === 'none' || level === 'trace' || (level === 'debug' && minimum !== 'debug')) return;
    const line = `[${new Date().toISOString()}] ${levelTags[level]} ${category === 'user' ? 'app' : 'host'}: ${message}\n`;
    if (level === 'error' || level === 'critical' || level === 'warning') process.stderr.write(line);
    else process.stdout.write(line);
  };
}
