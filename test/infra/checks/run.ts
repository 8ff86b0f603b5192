/** Runs every check on what a compiled template deploys under each parameter combination. */
import { deploy, type JsonObject } from '../arm/deployment.js';
import type { Combination } from '../arm/parameterSpace.js';
import { allChecks } from './index.js';
import type { Check } from './check.js';

export interface Violation {
  readonly check: string;
  readonly combination: string;
  readonly message: string;
}

/** A template that ARM could not deploy (an expression fails, a parameter is out of range) is a violation too. */
export const deploysCheckId = 'the template deploys';

export function violations(
  template: JsonObject,
  hostJson: JsonObject,
  combination: Combination,
  checks: readonly Check[] = allChecks,
): Violation[] {
  let deployment;
  try {
    deployment = deploy(template, combination.values);
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ check: deploysCheckId, combination: combination.label, message }];
  }
  const input = { deployment, template, hostJson };
  return checks.flatMap((check) =>
    check.run(input).map((message) => ({ check: check.id, combination: combination.label, message })),
  );
}
