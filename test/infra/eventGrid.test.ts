import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileMain,
  getPath,
  infraDir,
  isObject,
  moduleScope,
  prop,
  repoRoot,
  resourcesOfType,
  single,
  text,
} from './compiledTemplate.js';

const template = await compileMain();
const topic = single(template, 'Microsoft.EventGrid/systemTopics');
const subscription = single(template, 'Microsoft.EventGrid/systemTopics/eventSubscriptions');
const subscriptionModule = moduleScope(template, 'blobEventSubscription');
const destination = text(getPath(subscription.resource, 'properties.destination'));

/** infra/eventSubscriptions.json, shared with the local host (src/devhost). */
async function declaredSubscriptions(): Promise<unknown> {
  const file: unknown = JSON.parse(await readFile(join(infraDir, 'eventSubscriptions.json'), 'utf8'));
  return isObject(file) ? file.blobEvents : undefined;
}

describe('Event Grid blob ingestion', () => {
  it('a system topic publishes the storage account events and logs delivery failures', () => {
    expect(prop(topic, 'properties.topicType')).toBe('Microsoft.Storage.StorageAccounts');
    expect(prop(topic, 'properties.source')).toBe(
      "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]",
    );
    const failures = resourcesOfType(template, 'Microsoft.Insights/diagnosticSettings').find(
      (d) => d.resource.scope === "[resourceId('Microsoft.EventGrid/systemTopics', parameters('systemTopicName'))]",
    );
    expect(failures === undefined ? undefined : prop(failures, 'properties.logs')).toContainEqual({
      category: 'DeliveryFailures',
      enabled: true,
    });
  });

  it('subscriptions are a second pass: deployed only when deployBlobEventSubscription is true (default false)', () => {
    expect(subscriptionModule.deployment?.condition).toBe("[parameters('deployBlobEventSubscription')]");
    expect(getPath(template, 'parameters.deployBlobEventSubscription')).toMatchObject({
      type: 'bool',
      defaultValue: false,
    });
  });

  it('the subscriptions are the ones in infra/eventSubscriptions.json: BlobCreated of wesad-raw to ingestRawUpload', async () => {
    const declared = await declaredSubscriptions();
    expect(declared).toEqual([
      { function: 'ingestRawUpload', container: 'wesad-raw', eventTypes: ['Microsoft.Storage.BlobCreated'] },
    ]);
    // main.bicep embeds the file at build time (loadJsonContent) and hands its blobEvents to the module.
    expect(getPath(template, 'variables.blobEventSubscriptions')).toBe("[variables('$fxv#0').blobEvents]");
    expect(getPath(template, 'variables.$fxv#0.blobEvents')).toEqual(declared);
    expect(getPath(subscriptionModule.deployment, 'properties.parameters.subscriptions.value')).toBe(
      "[variables('blobEventSubscriptions')]",
    );
  });

  it('each subscription filters on its event types and container', () => {
    expect(getPath(subscription.resource, 'copy.count')).toBe("[length(parameters('subscriptions'))]");
    expect(prop(subscription, 'properties.filter')).toEqual({
      includedEventTypes: "[parameters('subscriptions')[copyIndex()].eventTypes]",
      subjectBeginsWith:
        "[format('/blobServices/default/containers/{0}/', parameters('subscriptions')[copyIndex()].container)]",
    });
  });

  it('eventGridTrigger mode (default) delivers to the function resource, without a key', () => {
    expect(getPath(template, 'parameters.blobEventDeliveryMode')).toMatchObject({
      defaultValue: 'eventGridTrigger',
      allowedValues: ['eventGridTrigger', 'blobTriggerWebhook'],
    });
    expect(destination).toContain(
      "if(equals(parameters('deliveryMode'), 'eventGridTrigger'), createObject('endpointType', 'AzureFunction'",
    );
    expect(destination).toContain(
      "format('{0}/functions/{1}', resourceId('Microsoft.Web/sites', parameters('functionAppName'))",
    );
  });

  it('blobTriggerWebhook mode delivers to the blob extension webhook with the blobs_extension system key', () => {
    expect(destination).toContain("createObject('endpointType', 'WebHook'");
    expect(destination).toContain('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}');
    expect(destination).toContain('systemKeys.blobs_extension');
  });

  it('the default delivery mode matches how functions/ registers ingestRawUpload', async () => {
    const dir = join(repoRoot, 'functions');
    const sources = await Promise.all(
      (await readdir(dir)).filter((f) => f.endsWith('.ts')).map((f) => readFile(join(dir, f), 'utf8')),
    );
    const registration = sources.join('\n');
    const expected = /app\.storageBlob\(\s*(functionNames\.ingestRawUpload|'ingestRawUpload')/.test(registration)
      ? 'blobTriggerWebhook'
      : /app\.eventGrid\(\s*(functionNames\.ingestRawUpload|'ingestRawUpload')/.test(registration)
        ? 'eventGridTrigger'
        : 'no registration of ingestRawUpload found in functions/';
    expect(getPath(template, 'parameters.blobEventDeliveryMode.defaultValue')).toBe(expected);
  });

  it('retries delivery for a day', () => {
    expect(prop(subscription, 'properties.retryPolicy')).toEqual({
      maxDeliveryAttempts: 30,
      eventTimeToLiveInMinutes: 1440,
    });
  });
});
