import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startEmbeddedAzurite } from '../../devhost/embeddedAzurite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

/** One in-memory Azurite for the whole suite, on free ports; tests isolate by unique names. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startEmbeddedAzurite();
  project.provide('azuriteConnectionString', azurite.connectionString);
  return () => azurite.stop();
}
