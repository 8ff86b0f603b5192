/** Log Analytics retention (MCSB LT-6). */
import { declaration, exactlyOne, expectProp, parameter, show, type Check } from './check.js';

export const monitoringChecks: Check[] = [
  {
    id: 'MCSB LT-6',
    title: 'the workspace keeps logs logAnalyticsRetentionInDays (30-730, default 365)',
    run: (input) => {
      const violations: string[] = [];
      const workspace = exactlyOne(input.deployment, 'Microsoft.OperationalInsights/workspaces', violations);
      if (workspace !== undefined) {
        violations.push(
          ...expectProp(
            workspace,
            'properties.retentionInDays',
            parameter(input, 'logAnalyticsRetentionInDays') ?? null,
          ),
        );
      }
      const definition = declaration(input, 'logAnalyticsRetentionInDays');
      if (definition?.defaultValue !== 365 || definition.minValue !== 30 || definition.maxValue !== 730) {
        violations.push(`logAnalyticsRetentionInDays is declared ${show(definition)}`);
      }
      return violations;
    },
  },
];
