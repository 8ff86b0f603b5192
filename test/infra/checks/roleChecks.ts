/**
 * Least privilege: the role assignments a deployment makes are exactly the expected ones (role, scope,
 * principal), so a broader role, a wider scope or an extra assignment is a violation.
 */
import type { Deployment } from '../arm/deployment.js';
import { describe, isValueObject, type Value } from '../arm/values.js';
import {
  declaration,
  ofType,
  parameter,
  prop,
  runtimeProperty,
  sameText,
  show,
  type Check,
  type CheckInput,
} from './check.js';
import { builtInRoles, roleName, type BuiltInRole } from './builtInRoles.js';
import { appIdentityId } from './functionAppChecks.js';
import { deadLetterContainer } from './storageChecks.js';

interface Grant {
  readonly role: string;
  readonly scope: string;
  readonly principal: string;
  readonly principalType: string;
}

function grantText(g: Grant): string {
  return `${roleName(g.role)} on ${g.scope} for ${g.principal} (${g.principalType})`;
}

function idOf(deployment: Deployment, type: string): string {
  return ofType(deployment, type)[0]?.id ?? `<no ${type}>`;
}

/** The identity principal of a user-assigned identity, as the template reads it at deployment time. */
function principalOf(identityId: string): string {
  return describe(runtimeProperty(identityId, 'principalId'));
}

function grant(role: BuiltInRole, scope: string, principal: string, principalType = 'ServicePrincipal'): Grant {
  return { role: builtInRoles[role], scope, principal, principalType };
}

/** What the template must grant under these parameters, and nothing more. */
function expectedGrants(input: CheckInput): Grant[] {
  const d = input.deployment;
  const [site] = ofType(d, 'Microsoft.Web/sites');
  const [account] = ofType(d, 'Microsoft.Storage/storageAccounts');
  const app = principalOf((site === undefined ? undefined : appIdentityId(site)) ?? '<app identity>');
  const storageIdentities = account === undefined ? undefined : prop(account, 'identity.userAssignedIdentities');
  const storage = principalOf(
    Object.keys(isValueObject(storageIdentities) ? storageIdentities : {})[0] ?? '<storage identity>',
  );
  const accountId = account?.id ?? '<no storage account>';
  const vault = idOf(d, 'Microsoft.KeyVault/vaults');
  const grants = [
    grant('storageBlobDataOwner', accountId, app),
    grant('storageQueueDataContributor', accountId, app),
    grant('storageTableDataContributor', accountId, app),
    grant('keyVaultSecretsUser', vault, app),
    grant('monitoringMetricsPublisher', idOf(d, 'Microsoft.Insights/components'), app),
    grant('keyVaultCryptoServiceEncryptionUser', idOf(d, 'Microsoft.KeyVault/vaults/keys'), storage),
  ];
  const [topic] = ofType(d, 'Microsoft.EventGrid/systemTopics');
  grants.push(
    grant(
      'storageBlobDataContributor',
      `${accountId}/blobServices/default/containers/${deadLetterContainer}`,
      `reference('${topic?.id ?? '<no system topic>'}', 'full').identity.principalId`,
    ),
  );
  const officer = parameter(input, 'secretsOfficerPrincipalId');
  if (typeof officer === 'string') grants.push(grant('keyVaultSecretsOfficer', vault, describe(officer), '(any)'));
  const uploaders = parameter(input, 'rawUploaderPrincipalIds');
  for (const uploader of Array.isArray(uploaders) ? uploaders : []) {
    const container = `${accountId}/blobServices/default/containers/wesad-raw`;
    grants.push(grant('storageBlobDataContributor', container, describe(uploader), '(any)'));
  }
  return grants;
}

function actualGrants(deployment: Deployment): Grant[] {
  return ofType(deployment, 'Microsoft.Authorization/roleAssignments').map((r) => {
    const definition = prop(r, 'properties.roleDefinitionId');
    const type: Value | undefined = prop(r, 'properties.principalType');
    return {
      role: typeof definition === 'string' ? (definition.split('/').at(-1) ?? definition) : show(definition),
      scope: show(prop(r, 'scope')).replace(/^'|'$/g, ''),
      principal: show(prop(r, 'properties.principalId')),
      principalType: type === undefined ? '(any)' : show(type).replace(/^'|'$/g, ''),
    };
  });
}

export const roleChecks: Check[] = [
  {
    id: 'least privilege (role assignments)',
    title: 'the deployment grants exactly the expected roles on the expected scopes to the expected principals',
    run: (input) => {
      const expected = expectedGrants(input).map(grantText);
      const actual = actualGrants(input.deployment).map(grantText);
      const optional = [
        ...(declaration(input, 'secretsOfficerPrincipalId')?.nullable === true
          ? []
          : ['secretsOfficerPrincipalId is not nullable']),
        ...(sameText(declaration(input, 'rawUploaderPrincipalIds')?.defaultValue, [])
          ? []
          : ['rawUploaderPrincipalIds does not default to []']),
      ];
      return [
        ...optional,
        ...expected.filter((g) => !actual.includes(g)).map((g) => `missing: ${g}`),
        ...actual.filter((g) => !expected.includes(g)).map((g) => `unexpected: ${g}`),
      ];
    },
  },
];
