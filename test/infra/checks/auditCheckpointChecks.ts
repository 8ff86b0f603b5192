/**
 * The audit chain's checkpoints (src/audit/checkpointStore.ts) are only an anchor if their writer cannot rewrite
 * them: a container under a time-based retention policy. Modelled on "Configure immutability policies for blob
 * versions" and "Time-based retention policies for immutable blob data" (Microsoft Learn, Azure Blob Storage):
 * version-level WORM is enabled on the container (it needs blob versioning on the account; without versioning the
 * same policy applies at container scope), the container's `default` immutability policy is the time-based
 * retention every blob (version) inherits, and protected append writes would let a writer add blocks to a
 * protected blob, which a checkpoint must never allow.
 */
import type { DeployedResource } from '../arm/deployment.js';
import { at, isValueObject, text, type Value } from '../arm/values.js';
import {
  declaration,
  exactlyOne,
  expectProp,
  label,
  ofType,
  parameter,
  prop,
  show,
  type Check,
  type CheckInput,
} from './check.js';

export const auditCheckpointContainer = 'audit-checkpoints';
const retentionParameter = 'auditCheckpointRetentionDays';
/** The shortest retention that still covers an annual review of the audit trail. */
export const minimumRetentionDays = 365;

const containerType = 'Microsoft.Storage/storageAccounts/blobServices/containers';
const policyType = `${containerType}/immutabilityPolicies`;

function lastSegments(resource: DeployedResource, count: number): string {
  return resource.name.split('/').slice(-count).join('/');
}

function checkpointContainer(input: CheckInput, violations: string[]): DeployedResource | undefined {
  const found = ofType(input.deployment, containerType).filter((c) => lastSegments(c, 1) === auditCheckpointContainer);
  if (found.length !== 1)
    violations.push(`expected one container ${auditCheckpointContainer}, found ${String(found.length)}`);
  return found.length === 1 ? found[0] : undefined;
}

/** A lifecycle prefix ('container/blobprefix') reaches a container if either is a prefix of the other's path. */
function reaches(prefix: string, container: string): boolean {
  return `${container}/`.startsWith(prefix) || prefix.startsWith(`${container}/`);
}

export const auditCheckpointChecks: Check[] = [
  {
    id: 'audit checkpoints: WORM container',
    title: `${auditCheckpointContainer} is private, with version-level immutability exactly when blob versioning is on`,
    run: (input) => {
      const violations: string[] = [];
      const container = checkpointContainer(input, violations);
      if (container === undefined) return violations;
      const versioning = parameter(input, 'blobVersioningEnabled') ?? null;
      violations.push(
        ...expectProp(container, 'properties.publicAccess', 'None'),
        ...expectProp(container, 'properties.immutableStorageWithVersioning.enabled', versioning),
      );
      const service = exactlyOne(input.deployment, 'Microsoft.Storage/storageAccounts/blobServices', violations);
      if (service !== undefined) violations.push(...expectProp(service, 'properties.isVersioningEnabled', versioning));
      return violations;
    },
  },
  {
    id: 'audit checkpoints: time-based retention',
    title: `${auditCheckpointContainer} has a default time-based retention policy of ${retentionParameter} (at least ${String(minimumRetentionDays)} days, described) without protected append writes`,
    run: (input) => {
      const violations: string[] = [];
      const policies = ofType(input.deployment, policyType);
      const wanted = policies.filter((p) => lastSegments(p, 2) === `${auditCheckpointContainer}/default`);
      if (wanted.length !== 1 || policies.length !== 1) {
        violations.push(
          `expected one immutability policy, ${auditCheckpointContainer}/default; found ${show(policies.map((p) => p.name))}`,
        );
      }
      const declared = declaration(input, retentionParameter);
      const minValue = declared?.minValue;
      if (typeof minValue !== 'number' || minValue < minimumRetentionDays) {
        violations.push(`${retentionParameter} allows ${show(minValue)} days, below ${String(minimumRetentionDays)}`);
      }
      if (!/immutable/i.test(text(at(declared, 'metadata.description')))) {
        violations.push(`${retentionParameter} is not described as the immutability period`);
      }
      const [policy] = wanted;
      if (policy === undefined) return violations;
      const days = prop(policy, 'properties.immutabilityPeriodSinceCreationInDays');
      if (typeof days !== 'number' || days < minimumRetentionDays) {
        violations.push(`${label(policy)}: retention ${show(days)} days, below ${String(minimumRetentionDays)}`);
      }
      return [
        ...violations,
        ...expectProp(
          policy,
          'properties.immutabilityPeriodSinceCreationInDays',
          parameter(input, retentionParameter) ?? null,
        ),
        ...expectProp(policy, 'properties.allowProtectedAppendWrites', false),
      ];
    },
  },
  {
    id: 'audit checkpoints: outside lifecycle rules',
    title: `no lifecycle rule reaches ${auditCheckpointContainer} (a rule without a prefix filter reaches every container)`,
    run: (input) =>
      ofType(input.deployment, 'Microsoft.Storage/storageAccounts/managementPolicies').flatMap((policy) => {
        const rules = prop(policy, 'properties.policy.rules');
        return (Array.isArray(rules) ? rules : []).flatMap((rule: Value) => {
          const name = isValueObject(rule) ? text(rule.name) : show(rule);
          const prefixes = at(rule, 'definition.filters.prefixMatch');
          if (!Array.isArray(prefixes) || prefixes.length === 0)
            return [`${label(policy)}: lifecycle rule ${name} has no prefix filter`];
          return prefixes
            .filter((p) => reaches(text(p), auditCheckpointContainer))
            .map(
              (p) => `${label(policy)}: lifecycle rule ${name} prefix ${show(p)} reaches ${auditCheckpointContainer}`,
            );
        });
      }),
  },
];
