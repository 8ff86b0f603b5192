import { appConfig } from '../config/appConfig.js';
import { appStorage } from '../storage/appStorage.js';
import { ModelRegistry } from './modelRegistry.js';

let registry: ModelRegistry | undefined;

/** The registry of this process, on the app's storage and configured stages. */
export function appRegistry(): ModelRegistry {
  registry ??= new ModelRegistry(appStorage(), appConfig().registry);
  return registry;
}
