import { describe, expect, it } from 'vitest';
import { compileMain, getPath, isObject, moduleScope, prop, single, trace } from './compiledTemplate.js';

const template = await compileMain();
const policy = single(template, 'Microsoft.Storage/storageAccounts/managementPolicies');
const storageScope = moduleScope(template, 'storage');

function rule(name: string): unknown {
  const rules = prop(policy, 'properties.policy.rules');
  const found = Array.isArray(rules) ? (rules as unknown[]).find((r) => isObject(r) && r.name === name) : undefined;
  expect(found, `lifecycle rule ${name}`).toBeDefined();
  return found;
}

function rootParameterOf(variable: string): string | undefined {
  const days = getPath(storageScope.template, `variables.${variable}.daysAfterCreationGreaterThan`);
  return trace(storageScope, days).rootParameter;
}

describe('blob lifecycle management', () => {
  it('raw uploads and processed windows are deleted 21 days after creation by default', () => {
    const data = rule('delete-wesad-data');
    expect(data).toMatchObject({
      enabled: true,
      type: 'Lifecycle',
      definition: { filters: { blobTypes: ['blockBlob'], prefixMatch: ['wesad-raw/', 'wesad-processed/'] } },
    });
    expect(getPath(data, 'definition.actions.baseBlob.delete')).toEqual({ daysAfterCreationGreaterThan: 21 });
  });

  it('previous versions and snapshots of raw and processed data expire with the current blobs', () => {
    const actions = getPath(rule('delete-wesad-data'), 'definition.actions');
    expect(actions).toEqual({
      baseBlob: { delete: { daysAfterCreationGreaterThan: 21 } },
      version: { delete: { daysAfterCreationGreaterThan: 21 } },
      snapshot: { delete: { daysAfterCreationGreaterThan: 21 } },
    });
  });

  it('the data retention is the dataRetentionDays parameter (default 21)', () => {
    expect(rootParameterOf('dataLifetime')).toBe('dataRetentionDays');
    expect(getPath(template, 'parameters.dataRetentionDays.defaultValue')).toBe(21);
    expect(getPath(template, 'parameters.dataRetentionDays.metadata.description')).toMatch(/versions and snapshots/);
  });

  it('model artifacts have their own rule: superseded versions and snapshots expire after modelVersionRetentionDays', () => {
    const models = rule('expire-model-versions');
    expect(models).toMatchObject({ enabled: true, definition: { filters: { prefixMatch: ['models/'] } } });
    expect(getPath(models, 'definition.actions')).toEqual({
      version: { delete: { daysAfterCreationGreaterThan: 90 } },
      snapshot: { delete: { daysAfterCreationGreaterThan: 90 } },
    });
    expect(rootParameterOf('modelVersionLifetime')).toBe('modelVersionRetentionDays');
  });

  it('current model artifacts are only deleted when modelRetentionDays is set (nullable, off by default)', () => {
    const current = rule('delete-model-artifacts');
    expect(getPath(current, 'definition.filters.prefixMatch')).toEqual(['models/']);
    expect(getPath(current, 'enabled')).toBe("[not(equals(parameters('modelRetentionDays'), null()))]");
    expect(String(getPath(current, 'definition.actions.baseBlob.delete.daysAfterCreationGreaterThan'))).toContain(
      "parameters('modelRetentionDays')",
    );
    expect(getPath(template, 'parameters.modelRetentionDays')).toMatchObject({ nullable: true });
    expect(getPath(template, 'parameters.modelRetentionDays.defaultValue')).toBeUndefined();
  });

  it('no lifecycle rule touches the deployment package container', () => {
    const rules = prop(policy, 'properties.policy.rules');
    expect(JSON.stringify(rules)).not.toContain('app-package');
  });
});
