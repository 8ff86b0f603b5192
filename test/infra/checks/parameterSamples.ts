/**
 * Non-default values the checks try for nullable and array parameters of main.bicep (parameterSpace.ts
 * requires one for each, so a new optional parameter cannot go unchecked).
 */
import type { ParameterSamples } from '../arm/parameterSpace.js';

export const parameterSamples: ParameterSamples = {
  allowedIpRanges: [['203.0.113.7', '198.51.100.0/24']],
  rawUploaderPrincipalIds: [['22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333']],
  modelRetentionDays: [365],
  secretsOfficerPrincipalId: ['11111111-1111-4111-8111-111111111111'],
  entraAuthentication: [
    { clientId: '44444444-4444-4444-8444-444444444444' },
    {
      clientId: '55555555-5555-4555-8555-555555555555',
      tenantId: '66666666-6666-4666-8666-666666666666',
      allowedAudiences: ['api://wesad-mlops'],
    },
  ],
};
