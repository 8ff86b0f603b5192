/**
 * The subscription Activity Log in the workspace (table AzureActivity). Microsoft Learn, azure-monitor/
 * essentials/activity-log (and diagnostic-settings): the Activity Log is exported by a diagnostic setting on
 * the subscription with the categories Administrative, Security, ServiceHealth, Alert, Recommendation, Policy,
 * Autoscale and ResourceHealth; a subscription holds at most five diagnostic settings.
 */
import { isValueObject } from '../arm/values.js';
import { declaration, expectProp, label, ofType, parameter, prop, show, workspaceId, type Check } from './check.js';
import { simulated } from '../arm/functions.js';

const categories = [
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
];

export const activityLogChecks: Check[] = [
  {
    id: 'Activity Log export (MCSB LT-3)',
    title:
      'with exportActivityLog (default true) a subscription diagnostic setting sends every Activity Log category to the workspace',
    run: (input) => {
      const violations: string[] = [];
      if (declaration(input, 'exportActivityLog')?.defaultValue !== true)
        violations.push('exportActivityLog is not on by default');
      const subscriptionPrefix = `/subscriptions/${simulated.subscriptionId}/providers/Microsoft.Insights/diagnosticSettings/`;
      const settings = ofType(input.deployment, 'Microsoft.Insights/diagnosticSettings').filter((d) =>
        d.id.startsWith(subscriptionPrefix),
      );
      if (parameter(input, 'exportActivityLog') !== true) {
        return [...violations, ...settings.map((s) => `${label(s)} is deployed although exportActivityLog is false`)];
      }
      const [setting] = settings;
      if (settings.length !== 1 || setting === undefined)
        return [...violations, `expected one subscription diagnostic setting, found ${String(settings.length)}`];
      violations.push(
        ...expectProp(setting, 'properties.workspaceId', workspaceId(input.deployment) ?? 'the workspace'),
      );
      const logs = prop(setting, 'properties.logs');
      const enabled = (Array.isArray(logs) ? logs : [])
        .filter((l) => isValueObject(l) && l.enabled === true)
        .map((l) => (isValueObject(l) ? l.category : null));
      for (const category of categories) {
        if (!enabled.includes(category))
          violations.push(`Activity Log category ${category} is not exported (${show(logs)})`);
      }
      const baseName = parameter(input, 'baseName');
      if (typeof baseName !== 'string' || !setting.name.includes(baseName)) {
        violations.push(
          `setting name ${setting.name} does not name its environment (two environments in one subscription would overwrite each other)`,
        );
      }
      return violations;
    },
  },
];
