/** Development bearer tokens the tests give the local host (DEVHOST_AUTH_TOKENS). */
export const devTokens = {
  researcher: 'test-researcher-token-0001',
  secondResearcher: 'test-researcher-token-0002',
  approver: 'test-approver-token-00001',
  compliance: 'test-compliance-token-001',
  admin: 'test-admin-token-00000001',
} as const;

export const devTokenSetting = JSON.stringify({
  [devTokens.researcher]: { id: 'researcher-1', name: 'researcher@example.org', roles: ['Researcher'] },
  [devTokens.secondResearcher]: { id: 'researcher-2', name: 'second@example.org', roles: ['Researcher'] },
  [devTokens.approver]: { id: 'approver-1', name: 'approver@example.org', roles: ['ModelApprover'] },
  [devTokens.compliance]: { id: 'compliance-1', name: 'compliance@example.org', roles: ['ComplianceOfficer'] },
  [devTokens.admin]: { id: 'admin-1', name: 'admin@example.org', roles: ['Admin'] },
});

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
