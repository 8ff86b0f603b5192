import { appConfig } from './appConfig.js';
import { appStorage } from './appStorage.js';
import { ModelRegistry } from '../domain/registry/modelRegistry.js';

let registry: ModelRegistry | undefined;

/** The registry of this process, on the app's storage and configured stages. */
export function appRegistry(): ModelRegistry {
  registry ??= new ModelRegistry(appStorage(), appConfig().registry);
  return registry;
}
