import { BlobServiceClient } from '@azure/storage-blob';
import { ingestSubjectPickle } from '../../src/domain/wesad/ingestPickle.js';

/**
 * Child process of the preprocessing bench: reads the pickle as the blob trigger does (one SDK
 * download, streamed into the reader) and prints its figures, including the RSS the process
 * already had once the storage SDK and the reader were loaded, before the first byte, and the CPU
 * seconds it spent. With `download-only` it reads the same download and does nothing with it: the
 * ceiling any reader fed by this transport on this machine could reach.
 */
const [connectionString, container, blobName, mode = 'ingest'] = process.argv.slice(2);
if (connectionString === undefined || container === undefined || blobName === undefined) {
  throw new Error('usage: blobStreamIngest CONNECTION_STRING CONTAINER BLOB [ingest|download-only]');
}
if (mode !== 'ingest' && mode !== 'download-only') throw new Error(`unknown mode ${mode}`);
const loadedRssKb = process.resourceUsage().maxRSS;
const blob = BlobServiceClient.fromConnectionString(connectionString)
  .getContainerClient(container)
  .getBlobClient(blobName);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const download = await blob.download();
if (download.readableStreamBody === undefined) throw new Error('The download returned no body.');
const body = download.readableStreamBody as AsyncIterable<Uint8Array>;
let bytes = 0;
let windows = 0;
if (mode === 'ingest') {
  const set = await ingestSubjectPickle(body, { sourceName: blobName });
  bytes = set.manifest.source.sizeBytes;
  windows = set.manifest.counts.windows;
} else {
  for await (const chunk of body) bytes += chunk.byteLength;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  `windows=${windows} seconds=${seconds.toFixed(3)} mb_per_s=${(bytes / 1e6 / seconds).toFixed(1)} ` +
    `cpu_seconds=${((cpu.user + cpu.system) / 1e6).toFixed(3)} ` +
    `max_rss_kb=${process.resourceUsage().maxRSS} loaded_rss_kb=${loadedRssKb}`,
);
