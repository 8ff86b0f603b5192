import { parseAppConfig, type AppConfig } from './environment.js';
import { parseRegistryConfig, type RegistryConfig } from './registryConfig.js';

export interface AppSettings extends AppConfig {
  registry: RegistryConfig;
}

let cached: AppSettings | undefined;

/** The configuration of this process, parsed and validated on first use. */
export function appConfig(): AppSettings {
  cached ??= { ...parseAppConfig(process.env), registry: parseRegistryConfig(process.env) };
  return cached;
}
