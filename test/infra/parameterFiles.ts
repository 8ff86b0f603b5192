/** The committed JSON parameter files as parameter combinations: each must pass every check, too. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Combination } from './arm/parameterSpace.js';
import type { Value } from './arm/values.js';
import { infraDir, isObject } from './compiledTemplate.js';

export async function parameterFileCombination(file: string): Promise<Combination> {
  const parsed: unknown = JSON.parse(await readFile(join(infraDir, file), 'utf8'));
  const parameters = isObject(parsed) && isObject(parsed.parameters) ? parsed.parameters : {};
  const values: Record<string, Value> = {};
  for (const [name, entry] of Object.entries(parameters)) {
    if (isObject(entry) && 'value' in entry) values[name] = entry.value;
  }
  return { label: `infra/${file}`, values };
}
