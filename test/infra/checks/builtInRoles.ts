/**
 * Built-in Azure role ids the template assigns (Microsoft Learn, role-based-access-control/built-in-roles;
 * also listed in the design doc security-baseline.md).
 */
export const builtInRoles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
} as const;

export type BuiltInRole = keyof typeof builtInRoles;

export function roleName(roleId: string): string {
  const entry = Object.entries(builtInRoles).find(([, id]) => id === roleId);
  return entry === undefined ? roleId : entry[0];
}
