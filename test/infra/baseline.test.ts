/**
 * The security baseline and the Azure behaviour the template relies on, as checks (test/infra/checks) run on
 * what `bicep build` of infra/main.bicep deploys under every parameter combination (arm/parameterSpace.ts)
 * and under the committed parameter files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combinations, controlParameters, domain } from './arm/parameterSpace.js';
import { allChecks } from './checks/index.js';
import { parameterSamples } from './checks/parameterSamples.js';
import { deploysCheckId, violations, type Violation } from './checks/run.js';
import { compileMain, isObject, repoRoot } from './compiledTemplate.js';
import { parameterFileCombination } from './parameterFiles.js';

const template = await compileMain();
const hostJson: unknown = JSON.parse(await readFile(join(repoRoot, 'host.json'), 'utf8'));
if (!isObject(hostJson)) throw new Error('host.json is not an object');
const enumerated = combinations(template, parameterSamples);
const all = [
  ...enumerated,
  await parameterFileCombination('main.parameters.json'),
  await parameterFileCombination('minimal.parameters.json'),
];
const found = all.flatMap((combination) => violations(template, hostJson, combination));

/** One line per distinct message, with how many combinations show it and one of them. */
function summary(list: readonly Violation[]): string[] {
  const byMessage = new Map<string, Violation[]>();
  for (const v of list) byMessage.set(v.message, [...(byMessage.get(v.message) ?? []), v]);
  return [...byMessage].map(
    ([message, where]) =>
      `${message} [${String(where.length)} of ${String(all.length)} combinations, e.g. ${where[0]?.combination ?? ''}]`,
  );
}

describe(`infrastructure checks on ${String(all.length)} parameter combinations`, () => {
  it('every combination deploys (expressions evaluate, parameters are in range)', () => {
    expect(summary(found.filter((v) => v.check === deploysCheckId))).toEqual([]);
  });

  for (const check of allChecks) {
    it(`${check.id}: ${check.title}`, () => {
      expect(summary(found.filter((v) => v.check === check.id))).toEqual([]);
    });
  }
});

describe('the parameter combinations', () => {
  it('combine every control parameter exhaustively', () => {
    // Parameters used in a condition, a copy count or inside a function: their values change what deploys.
    expect([...controlParameters(template)].sort()).toEqual([
      'allowedIpRanges',
      'baseName',
      'blobEventDeliveryMode',
      'deployBlobEventSubscription',
      'enableDeleteLocks',
      'enableVnetIntegration',
      'entraAuthentication',
      'exportActivityLog',
      'modelRetentionDays',
      'rawUploaderPrincipalIds',
      'secretsOfficerPrincipalId',
      'tags',
    ]);
    const seen = new Set(enumerated.map((c) => JSON.stringify(c.values)));
    expect(seen.size).toBe(enumerated.length);
  });

  it('give every parameter each of its values at least once', () => {
    const parameters = isObject(template.parameters) ? template.parameters : {};
    for (const [name, definition] of Object.entries(parameters)) {
      if (!isObject(definition)) continue;
      const choices = domain(name, definition, parameterSamples);
      if (choices.length < 2) continue; // one value: the default every combination has
      for (const value of choices.filter((v) => typeof v !== 'symbol')) {
        const present = enumerated.some((c) =>
          value === null ? c.values[name] === null : JSON.stringify(c.values[name]) === JSON.stringify(value),
        );
        expect(present, `${name} = ${JSON.stringify(value)}`).toBe(true);
      }
    }
  });
});
