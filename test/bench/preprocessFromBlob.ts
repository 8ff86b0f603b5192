import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BlobServiceClient } from '@azure/storage-blob';
import { startEmbeddedAzurite } from '../../devhost/embeddedAzurite.js';
import { figure, median, percentOfFile } from './benchFigures.js';

/**
 * The blob trigger's path of the preprocessing bench: the reader fed by an SDK download from the
 * embedded Azurite, next to the same download read and discarded (what the transport alone costs
 * here) and next to its fair peer, what a Python user would write (the shared folder's
 * preprocess_blob_reference.py: the Azure SDK for Python downloads the same blob from the same
 * Azurite, pickle + numpy preprocess it). Azurite serves from another process on the same cores,
 * so both processes' CPU seconds are reported: together they bound what any reader could reach on
 * this machine. Goals (issue #20): ingest ≥ 0.95× the bare download; peak RSS ≤ 25 % of the file.
 */

const run = promisify(execFile);
const ROUNDS = 3;
const CONTAINER = 'wesad-raw';
const BLOB = 'S2/S2.pkl';

interface BlobRun {
  mbPerSecond: number;
  cpuSeconds: number;
  azuriteCpuSeconds: number | undefined;
  maxRssKb: number;
  loadedRssKb: number;
  windows: number;
}

export interface BlobPathFigures {
  ingest: BlobRun[];
  downloadOnly: BlobRun[];
  /** Empty when Debian's python3-azure is not installed. */
  pythonPeer: BlobRun[];
}

const PYTHON = process.env.WESAD_PYTHON ?? '/usr/bin/python3';

/** utime + stime of a process in seconds, from /proc (Linux); undefined where there is none. */
async function cpuSecondsOfProcess(pid: number | undefined, ticksPerSecond: number): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields === undefined) return undefined;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

async function clockTicksPerSecond(): Promise<number> {
  const { stdout } = await run('getconf', ['CLK_TCK']);
  const ticks = Number(stdout.trim());
  if (!(ticks > 0)) throw new Error(`getconf CLK_TCK printed ${stdout}`);
  return ticks;
}

async function measureOnce(
  script: string,
  connectionString: string,
  mode: 'ingest' | 'download-only',
  azurite: { pid: number | undefined; ticks: number },
): Promise<BlobRun> {
  const azuriteBefore = await cpuSecondsOfProcess(azurite.pid, azurite.ticks);
  const { stdout } = await run(process.execPath, [script, connectionString, CONTAINER, BLOB, mode], {
    maxBuffer: 1 << 20,
  });
  const azuriteAfter = await cpuSecondsOfProcess(azurite.pid, azurite.ticks);
  return {
    mbPerSecond: figure(stdout, 'mb_per_s'),
    cpuSeconds: figure(stdout, 'cpu_seconds'),
    azuriteCpuSeconds:
      azuriteBefore === undefined || azuriteAfter === undefined ? undefined : azuriteAfter - azuriteBefore,
    maxRssKb: figure(stdout, 'max_rss_kb'),
    loadedRssKb: figure(stdout, 'loaded_rss_kb'),
    windows: figure(stdout, 'windows'),
  };
}

async function pythonPeerAvailable(): Promise<boolean> {
  try {
    await run(PYTHON, ['-c', 'import azure.storage.blob, numpy']);
    return true;
  } catch (error: unknown) {
    console.log(
      `  Python peer not measured: ${PYTHON} cannot import azure.storage.blob and numpy ` +
        `(apt-get install python3-azure python3-numpy): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return false;
  }
}

async function measurePythonPeer(
  script: string,
  connectionString: string,
  outDir: string,
  azurite: { pid: number | undefined; ticks: number },
): Promise<BlobRun> {
  const azuriteBefore = await cpuSecondsOfProcess(azurite.pid, azurite.ticks);
  const cpuScript = [
    'import resource, runpy, sys',
    `sys.argv = ['preprocess_blob_reference.py', *${JSON.stringify([connectionString, CONTAINER, BLOB, outDir])}]`,
    `runpy.run_path(${JSON.stringify(script)}, run_name='__main__')`,
    'usage = resource.getrusage(resource.RUSAGE_SELF)',
    "print('cpu_seconds=%.3f' % (usage.ru_utime + usage.ru_stime))",
  ].join('\n');
  const { stdout } = await run(PYTHON, ['-c', cpuScript], { maxBuffer: 1 << 20 });
  const azuriteAfter = await cpuSecondsOfProcess(azurite.pid, azurite.ticks);
  return {
    mbPerSecond: figure(stdout, 'mb_per_s'),
    cpuSeconds: figure(stdout, 'cpu_seconds'),
    azuriteCpuSeconds:
      azuriteBefore === undefined || azuriteAfter === undefined ? undefined : azuriteAfter - azuriteBefore,
    maxRssKb: figure(stdout, 'max_rss_kb'),
    // The interpreter's start-up is inside its figures; it reports no separate pre-download RSS.
    loadedRssKb: 0,
    windows: figure(stdout, 'windows'),
  };
}

function summaryLine(label: string, runs: BlobRun[], megabytes: number, referenceMbPerSecond: number): string {
  const mbps = median(runs.map((r) => r.mbPerSecond));
  const peakKb = Math.max(...runs.map((r) => r.maxRssKb));
  const azurite = runs.map((r) => r.azuriteCpuSeconds).filter((s): s is number => s !== undefined);
  return (
    `  ${label.padEnd(30)} ${mbps.toFixed(0).padStart(5)} MB/s = ${(mbps / referenceMbPerSecond).toFixed(2)}× the ` +
    `reference; peak RSS ${(peakKb / 1024).toFixed(0)} MB = ${percentOfFile(peakKb, megabytes).toFixed(0)} % of the ` +
    `file; CPU s: this process ${median(runs.map((r) => r.cpuSeconds)).toFixed(2)}, Azurite ` +
    (azurite.length === 0 ? 'n/a' : median(azurite).toFixed(2))
  );
}

/**
 * Uploads the pickle to a fresh embedded Azurite and measures both paths, alternating them so
 * neither gets the warmer page cache or the quieter machine. Prints the figures and returns them.
 */
export async function measureBlobPath(
  root: string,
  shared: string,
  pickle: string,
  megabytes: number,
  referenceMbPerSecond: number,
): Promise<BlobPathFigures> {
  const script = join(root, 'dist/test/bench/blobStreamIngest.js');
  const peerScript = join(shared, 'bench/preprocess_blob_reference.py');
  const withPeer = await pythonPeerAvailable();
  const azurite = await startEmbeddedAzurite();
  try {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(CONTAINER);
    await container.createIfNotExists();
    await container.getBlockBlobClient(BLOB).uploadFile(pickle, { blockSize: 8 << 20, concurrency: 2 });
    const accounting = { pid: azurite.pid, ticks: await clockTicksPerSecond() };
    const figures: BlobPathFigures = { ingest: [], downloadOnly: [], pythonPeer: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      figures.ingest.push(await measureOnce(script, azurite.connectionString, 'ingest', accounting));
      figures.downloadOnly.push(await measureOnce(script, azurite.connectionString, 'download-only', accounting));
      if (withPeer)
        figures.pythonPeer.push(
          await measurePythonPeer(peerScript, azurite.connectionString, join(root, '.bench/out-py-blob'), accounting),
        );
    }
    report(figures, megabytes, referenceMbPerSecond);
    return figures;
  } finally {
    await azurite.stop();
  }
}

function report(figures: BlobPathFigures, megabytes: number, referenceMbPerSecond: number): void {
  const { ingest, downloadOnly, pythonPeer } = figures;
  console.log(
    `  (ratios below are to the file reference, preprocess_reference.py, ${referenceMbPerSecond.toFixed(0)} MB/s)`,
  );
  console.log(summaryLine('blob trigger path (Azurite)', ingest, megabytes, referenceMbPerSecond));
  console.log(summaryLine('same download, bytes discarded', downloadOnly, megabytes, referenceMbPerSecond));
  if (pythonPeer.length > 0)
    console.log(summaryLine('Python peer (SDK + numpy)', pythonPeer, megabytes, referenceMbPerSecond));
  const loadedKb = Math.max(...ingest.map((r) => r.loadedRssKb));
  const peakKb = Math.max(...ingest.map((r) => r.maxRssKb));
  const ingestMbps = median(ingest.map((r) => r.mbPerSecond));
  const toTransport = ingestMbps / median(downloadOnly.map((r) => r.mbPerSecond));
  const share = percentOfFile(peakKb, megabytes);
  console.log(
    `  blob path: ${toTransport.toFixed(2)}× the bare download (goal ≥ 0.95×: ${toTransport >= 0.95 ? 'met' : 'not met'}); ` +
      `peak RSS ${share.toFixed(0)} % of the file (goal ≤ 25 %: ${share <= 25 ? 'met' : 'not met'}), of which ` +
      `${(loadedKb / 1024).toFixed(0)} MB (${percentOfFile(loadedKb, megabytes).toFixed(0)} %) before the first byte ` +
      `(Node + storage SDK); the upload itself added ${((peakKb - loadedKb) / 1024).toFixed(0)} MB ` +
      `(${percentOfFile(peakKb - loadedKb, megabytes).toFixed(0)} %)`,
  );
  if (pythonPeer.length > 0) {
    const peerMbps = median(pythonPeer.map((r) => r.mbPerSecond));
    const peerPeakKb = Math.max(...pythonPeer.map((r) => r.maxRssKb));
    console.log(
      `  against the Python peer: ${(ingestMbps / peerMbps).toFixed(2)}× its throughput at ` +
        `${((peakKb / peerPeakKb) * 100).toFixed(0)} % of its peak RSS`,
    );
  }
  const azurite = ingest.map((r) => r.azuriteCpuSeconds).filter((s): s is number => s !== undefined);
  if (azurite.length === 0) return;
  // Two processes share the cores: neither can finish before its own CPU time has run, and both
  // together cannot finish before their sum has run on all cores.
  const cores = availableParallelism();
  const ours = median(ingest.map((r) => r.cpuSeconds));
  const floorSeconds = Math.max(ours, median(azurite), (ours + median(azurite)) / cores);
  const ceiling = megabytes / floorSeconds;
  const transport = median(downloadOnly.map((r) => r.mbPerSecond));
  console.log(
    `  CPU bound here (${cores} cores shared with Azurite): at most ${ceiling.toFixed(0)} MB/s = ` +
      `${(ceiling / transport).toFixed(2)}× the bare download for this ingest, however it overlapped`,
  );
}
