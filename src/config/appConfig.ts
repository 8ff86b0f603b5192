import { parseAppConfig, type AppConfig } from './environment.js';

let cached: AppConfig | undefined;

/** The configuration of this process, parsed and validated on first use. */
export function appConfig(): AppConfig {
  cached ??= parseAppConfig(process.env);
  return cached;
}
