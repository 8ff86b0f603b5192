import { describe, expect, it } from 'vitest';
import {
  bySymbol,
  compileMain,
  getPath,
  isObject,
  moduleScope,
  prop,
  resourcesOfType,
  single,
  text,
  traced,
} from './compiledTemplate.js';

const template = await compileMain();

/**
 * The audit chain's checkpoints (src/audit/checkpointStore.ts) are only an anchor if their
 * writer cannot rewrite them: a container under a time-based retention policy. Modelled on
 * "Configure immutability policies for blob versions" and "Time-based retention policies for
 * immutable blob data" (Microsoft Learn, Azure Blob Storage): version-level WORM is enabled on
 * the container (it needs blob versioning on the account) and the container's `default`
 * immutability policy is the time-based retention every blob version inherits.
 */
describe('audit checkpoint container (WORM)', () => {
  it('is a private container with version-level immutability and a time-based retention policy from a described parameter', () => {
    const container = bySymbol(template, 'storage', 'auditCheckpoints');
    expect(container.resource.type).toBe('Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(text(container.resource.name)).toContain("'audit-checkpoints'");
    expect(prop(container, 'properties.publicAccess')).toBe('None');
    // Version-level WORM follows blob versioning, which the account has by default.
    const versionLevel = traced(container, 'properties.immutableStorageWithVersioning.enabled');
    expect(versionLevel.rootParameter).toBe('blobVersioningEnabled');
    expect(versionLevel.value).toBe(true);
    const blobService = single(template, 'Microsoft.Storage/storageAccounts/blobServices');
    expect(traced(blobService, 'properties.isVersioningEnabled').rootParameter).toBe('blobVersioningEnabled');

    const policies = resourcesOfType(
      template,
      'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies',
    );
    expect(policies.map((policy) => policy.symbol)).toEqual(['auditCheckpointRetention']);
    const [policy] = policies;
    if (policy === undefined) throw new Error('no immutability policy');
    expect(text(policy.resource.name)).toContain("'audit-checkpoints', 'default'");
    expect(getPath(policy.resource, 'dependsOn')).toEqual(['auditCheckpoints']);
    expect(prop(policy, 'properties.allowProtectedAppendWrites')).toBe(false);
    expect(getPath(policy.resource, 'properties.immutabilityPeriodSinceCreationInDays')).toBe(
      "[parameters('auditCheckpointRetentionDays')]",
    );
    expect(prop(policy, 'properties.immutabilityPeriodSinceCreationInDays')).toBeGreaterThanOrEqual(365);
    const parameter = getPath(moduleScope(template, 'storage').template, 'parameters.auditCheckpointRetentionDays');
    if (!isObject(parameter)) throw new Error('no auditCheckpointRetentionDays parameter');
    expect(parameter).toMatchObject({ type: 'int', minValue: 1 });
    expect(text(getPath(parameter, 'metadata.description'))).toMatch(/immutable/i);
  });

  it('is outside every lifecycle rule, which would otherwise try to delete checkpoints', () => {
    const lifecycle = single(template, 'Microsoft.Storage/storageAccounts/managementPolicies');
    const rules = prop(lifecycle, 'properties.policy.rules');
    expect(Array.isArray(rules)).toBe(true);
    for (const rule of rules as unknown[]) {
      const prefixes = getPath(rule, 'definition.filters.prefixMatch');
      expect(Array.isArray(prefixes) ? prefixes : [], text(getPath(rule, 'name'))).not.toContainEqual(
        expect.stringMatching(/^audit-checkpoints/),
      );
    }
  });
});
