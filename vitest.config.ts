import { defineConfig } from 'vitest/config';

/**
 * Three tiers. `unit` needs neither storage nor a host and runs in well under a minute;
 * `integration` talks to Azurite (and runs the infra checks on the compiled Bicep); `e2e` drives
 * the local Functions host over HTTP and blob uploads. `npm test` runs all three.
 */
const withAzurite = ['test/support/azuriteGlobalSetup.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/infra/**/*.test.ts'],
          globalSetup: withAzurite,
        },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: withAzurite } },
    ],
  },
});
