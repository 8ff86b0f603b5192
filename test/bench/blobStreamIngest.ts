import { BlobServiceClient } from '@azure/storage-blob';
import { ingestSubjectPickle } from '../../src/wesad/ingestPickle.js';

/**
 * Child process of the preprocessing bench: reads the pickle as the blob trigger does (one
 * SDK download, streamed into the reader) and prints its figures, including the RSS the process
 * already had once the storage SDK and the reader were loaded, before the first byte.
 */
const [connectionString, container, blobName] = process.argv.slice(2);
if (connectionString === undefined || container === undefined || blobName === undefined) {
  throw new Error('usage: blobStreamIngest CONNECTION_STRING CONTAINER BLOB');
}
const loadedRssKb = process.resourceUsage().maxRSS;
const blob = BlobServiceClient.fromConnectionString(connectionString)
  .getContainerClient(container)
  .getBlobClient(blobName);
const started = performance.now();
const download = await blob.download();
if (download.readableStreamBody === undefined) throw new Error('The download returned no body.');
const set = await ingestSubjectPickle(download.readableStreamBody as AsyncIterable<Uint8Array>, {
  sourceName: blobName,
});
const seconds = (performance.now() - started) / 1000;
const megabytes = set.manifest.source.sizeBytes / 1e6;
console.log(
  `windows=${set.manifest.counts.windows} seconds=${seconds.toFixed(3)} mb_per_s=${(megabytes / seconds).toFixed(1)} ` +
    `max_rss_kb=${process.resourceUsage().maxRSS} loaded_rss_kb=${loadedRssKb}`,
);
