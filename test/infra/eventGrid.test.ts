import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy } from './arm/deployment.js';
import { at, isValueObject, text } from './arm/values.js';
import { compileMain, getPath, infraDir, isObject, repoRoot } from './compiledTemplate.js';

const template = await compileMain();

/** infra/eventSubscriptions.json, shared with the local host (src/devhost). */
async function declaredSubscriptions(): Promise<unknown> {
  const file: unknown = JSON.parse(await readFile(join(infraDir, 'eventSubscriptions.json'), 'utf8'));
  return isObject(file) ? file.blobEvents : undefined;
}

function deployedSubscriptions(mode: 'eventGridTrigger' | 'blobTriggerWebhook') {
  const { resources } = deploy(template, { deployBlobEventSubscription: true, blobEventDeliveryMode: mode });
  const site = resources.find((r) => r.type === 'Microsoft.Web/sites');
  const subscriptions = resources.filter((r) => r.type === 'Microsoft.EventGrid/systemTopics/eventSubscriptions');
  return { site, subscriptions };
}

describe('Event Grid blob ingestion', () => {
  it('the subscriptions are the ones in infra/eventSubscriptions.json: BlobCreated of wesad-raw to ingestRawUpload', async () => {
    const declared = await declaredSubscriptions();
    expect(declared).toEqual([
      { function: 'ingestRawUpload', container: 'wesad-raw', eventTypes: ['Microsoft.Storage.BlobCreated'] },
    ]);
    // main.bicep embeds the file at build time (loadJsonContent).
    expect(getPath(template, 'variables.$fxv#0.blobEvents')).toEqual(declared);
    const { site, subscriptions } = deployedSubscriptions('eventGridTrigger');
    expect(subscriptions.map((s) => s.name.split('/').at(-1))).toEqual(['ingestRawUpload-wesad-raw']);
    expect(subscriptions.map((s) => at(s.body, 'properties.filter'))).toEqual([
      {
        includedEventTypes: ['Microsoft.Storage.BlobCreated'],
        subjectBeginsWith: '/blobServices/default/containers/wesad-raw/',
      },
    ]);
    expect(subscriptions.map((s) => at(s.body, 'properties.destination'))).toEqual([
      {
        endpointType: 'AzureFunction',
        properties: {
          maxEventsPerBatch: 1,
          preferredBatchSizeInKilobytes: 64,
          resourceId: `${site?.id ?? ''}/functions/ingestRawUpload`,
        },
      },
    ]);
  });

  it('blobTriggerWebhook mode delivers to the blob extension webhook with the blobs_extension system key', () => {
    const { subscriptions } = deployedSubscriptions('blobTriggerWebhook');
    const destination = subscriptions.map((s) => at(s.body, 'properties.destination'))[0];
    expect(isValueObject(destination) && destination.endpointType).toBe('WebHook');
    const url = text(at(destination, 'properties.endpointUrl'));
    expect(url).toContain('/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}');
    expect(url).toContain("'ingestRawUpload'");
    expect(url).toContain('listKeys(');
    expect(url).toContain('.systemKeys.blobs_extension');
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

  it("retries delivery for a day, 30 attempts (Event Grid's documented defaults, written out)", () => {
    // Microsoft Learn, event-grid/delivery-and-retry: defaults 30 attempts and 1,440 minutes.
    const { subscriptions } = deployedSubscriptions('eventGridTrigger');
    expect(subscriptions.map((s) => at(s.body, 'properties.retryPolicy'))).toEqual([
      { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 },
    ]);
  });
});
