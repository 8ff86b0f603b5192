/**
 * Event Grid blob ingestion. Microsoft Learn, event-grid/delivery-and-retry: Event Grid retries a delivery
 * with back-off up to maxDeliveryAttempts (1-30) within eventTimeToLiveInMinutes (1-1440), then dead-letters
 * the event if a dead-letter destination is set and drops it otherwise. event-grid/manage-event-delivery and
 * event-grid/managed-service-identity: with deadLetterWithResourceIdentity the topic's managed identity writes
 * the dead letters, and needs Storage Blob Data Contributor on the container; a storage firewall admits it as a
 * trusted service.
 */
import type { DeployedResource } from '../arm/deployment.js';
import { isValueObject, text } from '../arm/values.js';
import {
  declaration,
  exactlyOne,
  expectLogs,
  expectProp,
  label,
  ofType,
  parameter,
  prop,
  sameText,
  show,
  type Check,
} from './check.js';
import { builtInRoles } from './builtInRoles.js';
import { deadLetterContainer } from './storageChecks.js';

function inRange(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function subscriptions(input: Parameters<Check['run']>[0]): DeployedResource[] {
  return ofType(input.deployment, 'Microsoft.EventGrid/systemTopics/eventSubscriptions');
}

export const eventGridChecks: Check[] = [
  {
    id: 'Event Grid system topic',
    title: 'a system topic publishes the storage account events and logs delivery failures to the workspace',
    run: (input) => {
      const violations: string[] = [];
      const topic = exactlyOne(input.deployment, 'Microsoft.EventGrid/systemTopics', violations);
      const [account] = ofType(input.deployment, 'Microsoft.Storage/storageAccounts');
      if (topic === undefined) return violations;
      return [
        ...violations,
        ...expectProp(topic, 'properties.topicType', 'Microsoft.Storage.StorageAccounts'),
        ...expectProp(topic, 'properties.source', account?.id ?? 'the storage account'),
        ...expectLogs(input.deployment, topic, ['DeliveryFailures']),
      ];
    },
  },
  {
    id: 'Event Grid subscriptions (second pass)',
    title:
      'subscriptions exist only with deployBlobEventSubscription; each filters a container and targets its function',
    run: (input) => {
      const found = subscriptions(input);
      if (declaration(input, 'deployBlobEventSubscription')?.defaultValue !== false) {
        return ['deployBlobEventSubscription must default to false (the functions exist only after the code deploy)'];
      }
      if (parameter(input, 'deployBlobEventSubscription') !== true) {
        return found.map((s) => `${label(s)} is deployed although deployBlobEventSubscription is false`);
      }
      if (found.length === 0) return ['deployBlobEventSubscription is true but no subscription is deployed'];
      const [site] = ofType(input.deployment, 'Microsoft.Web/sites');
      const mode = parameter(input, 'blobEventDeliveryMode');
      return found.flatMap((s) => {
        const violations: string[] = [];
        const filter = prop(s, 'properties.filter');
        const types = isValueObject(filter) ? filter.includedEventTypes : undefined;
        const subject = isValueObject(filter) ? filter.subjectBeginsWith : undefined;
        if (!Array.isArray(types) || types.length === 0) violations.push(`${label(s)}: no event type filter`);
        if (typeof subject !== 'string' || !/^\/blobServices\/default\/containers\/[a-z0-9-]+\/$/.test(subject)) {
          violations.push(`${label(s)}: subject filter ${show(subject)} is not one container`);
        }
        const destination = JSON.stringify(prop(s, 'properties.destination') ?? null);
        const expected =
          mode === 'eventGridTrigger'
            ? [`"endpointType":"AzureFunction"`, `${site?.id ?? 'the site'}/functions/`]
            : [`"endpointType":"WebHook"`, '/runtime/webhooks/blobs?functionName=Host.Functions.'];
        for (const part of expected) {
          if (!destination.includes(part)) violations.push(`${label(s)}: ${text(mode)} destination lacks ${part}`);
        }
        return violations;
      });
    },
  },
  {
    id: 'Event Grid retry policy',
    title: 'every subscription states its retry policy (attempts 1-30, time to live 1-1440 minutes)',
    run: (input) =>
      subscriptions(input).flatMap((s) => {
        const attempts = prop(s, 'properties.retryPolicy.maxDeliveryAttempts');
        const ttl = prop(s, 'properties.retryPolicy.eventTimeToLiveInMinutes');
        return inRange(attempts, 1, 30) && inRange(ttl, 1, 1440)
          ? []
          : [`${label(s)}: retry policy attempts ${show(attempts)}, time to live ${show(ttl)}`];
      }),
  },
  {
    id: 'Event Grid dead-lettering',
    title:
      'undeliverable events are dead-lettered to a private container with the topic identity, which may write there',
    run: (input) => {
      const violations: string[] = [];
      const [topic] = ofType(input.deployment, 'Microsoft.EventGrid/systemTopics');
      const [account] = ofType(input.deployment, 'Microsoft.Storage/storageAccounts');
      if (topic === undefined || account === undefined) return ['no system topic or storage account'];
      const container = `${account.id}/blobServices/default/containers/${deadLetterContainer}`;
      if (
        !ofType(input.deployment, 'Microsoft.Storage/storageAccounts/blobServices/containers').some(
          (c) => c.id === container,
        )
      ) {
        violations.push(`no dead-letter container ${deadLetterContainer}`);
      }
      violations.push(...expectProp(topic, 'identity.type', 'SystemAssigned'));
      const writer = ofType(input.deployment, 'Microsoft.Authorization/roleAssignments').find(
        (r) =>
          prop(r, 'scope') === container &&
          sameText(
            prop(r, 'properties.roleDefinitionId'),
            `/subscriptions/${container.split('/')[2] ?? ''}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles.storageBlobDataContributor}`,
          ) &&
          show(prop(r, 'properties.principalId')) === `reference('${topic.id}', 'full').identity.principalId`,
      );
      if (writer === undefined)
        violations.push(`the topic identity lacks Storage Blob Data Contributor on ${container}`);
      for (const s of subscriptions(input)) {
        if (prop(s, 'properties.deadLetterDestination') !== undefined) {
          violations.push(`${label(s)}: deadLetterDestination (key-based) instead of deadLetterWithResourceIdentity`);
        }
        violations.push(
          ...expectProp(s, 'properties.deadLetterWithResourceIdentity', {
            identity: { type: 'SystemAssigned' },
            deadLetterDestination: {
              endpointType: 'StorageBlob',
              properties: { resourceId: account.id, blobContainerName: deadLetterContainer },
            },
          }),
        );
      }
      return violations;
    },
  },
];
