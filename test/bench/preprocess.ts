import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { projectRoot, sharedDirectory } from '../support/projectPaths.js';
import { figure, median, percentOfFile } from './benchFigures.js';
import { measureBlobPath } from './preprocessFromBlob.js';

/**
 * Preprocessing a full-size subject pickle (about 280 MB, 6079 s) from a stream: throughput and
 * peak RSS of `wesad-mlops preprocess` (a file stream) and of the blob trigger's path (an SDK
 * download from the embedded Azurite) next to preprocess_reference.py (numpy) on the same file in
 * the same run, and the blob path next to its Python peer (preprocessFromBlob.ts). Each side runs in
 * its own child process so its peak RSS is its own.
 * Goals: at least 1.5× the reference's MB/s; peak RSS at most 25 % of the file size.
 */

const run = promisify(execFile);
const PYTHON = process.env.WESAD_PYTHON ?? '/usr/bin/python3';
const ROUNDS = 3;

interface Measurement {
  mbPerSecond: number;
  seconds: number;
  maxRssKb: number;
  windows: number;
}

async function measureTypeScript(root: string, pickle: string, out: string): Promise<Measurement> {
  const cli = join(root, 'dist/src/cli/main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const { stdout } = await run(process.execPath, [cli, 'preprocess', pickle, '--out', out], { maxBuffer: 1 << 20 });
  return {
    mbPerSecond: figure(stdout, 'mb_per_s'),
    seconds: figure(stdout, 'seconds'),
    maxRssKb: figure(stdout, 'max_rss_kb'),
    windows: figure(stdout, 'windows'),
  };
}

async function measureReference(reference: string, pickle: string, out: string): Promise<Measurement> {
  const script = [
    'import resource, runpy, sys',
    `sys.argv = ['preprocess_reference.py', ${JSON.stringify(pickle)}, ${JSON.stringify(out)}]`,
    `runpy.run_path(${JSON.stringify(reference)}, run_name='__main__')`,
    "print('max_rss_kb=%d' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
  ].join('\n');
  const { stdout } = await run(PYTHON, ['-c', script], { maxBuffer: 1 << 20 });
  return {
    mbPerSecond: figure(stdout, 'mb_per_s'),
    seconds: figure(stdout, 'seconds'),
    maxRssKb: figure(stdout, 'max_rss_kb'),
    windows: figure(stdout, 'windows'),
  };
}

export async function runPreprocessBench(): Promise<void> {
  const root = projectRoot;
  const shared = sharedDirectory;
  const benchDir = join(root, '.bench');
  const pickle = join(benchDir, 'S2_full.pkl');
  mkdirSync(benchDir, { recursive: true });
  if (!existsSync(pickle)) {
    console.log('preprocess bench: writing the full-size subject (make_wesad_fixture.py S2 6079 py2 2)…');
    await run(PYTHON, [join(shared, 'tools/make_wesad_fixture.py'), pickle, 'S2', '6079', 'py2', '2']);
  }
  const megabytes = statSync(pickle).size / 1e6;
  const ours: Measurement[] = [];
  const theirs: Measurement[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternating the order keeps page-cache warmth and machine load from favouring one side.
    if (round % 2 === 0) {
      ours.push(await measureTypeScript(root, pickle, join(benchDir, 'out-ts')));
      theirs.push(
        await measureReference(join(shared, 'bench/preprocess_reference.py'), pickle, join(benchDir, 'out-py')),
      );
    } else {
      theirs.push(
        await measureReference(join(shared, 'bench/preprocess_reference.py'), pickle, join(benchDir, 'out-py')),
      );
      ours.push(await measureTypeScript(root, pickle, join(benchDir, 'out-ts')));
    }
  }
  const summary = (label: string, runs: Measurement[]) => {
    const mbps = median(runs.map((r) => r.mbPerSecond));
    const peakKb = Math.max(...runs.map((r) => r.maxRssKb));
    console.log(
      `  ${label.padEnd(28)} ${mbps.toFixed(0).padStart(6)} MB/s (median of ${runs.length})  ` +
        `peak RSS ${(peakKb / 1024).toFixed(0).padStart(5)} MB = ${percentOfFile(peakKb, megabytes).toFixed(0)} % of the file  ` +
        `windows ${runs[0]?.windows ?? 0}`,
    );
    return { mbps, rssShare: percentOfFile(peakKb, megabytes) };
  };
  console.log(`preprocess bench: ${pickle} (${megabytes.toFixed(0)} MB), streamed and preprocessed per wesad-wrist-v1`);
  const ts = summary('wesad-mlops (TypeScript)', ours);
  const py = summary('preprocess_reference.py', theirs);
  const ratio = ts.mbps / py.mbps;
  console.log(
    `  throughput ${ratio.toFixed(2)}× the reference (goal ≥ 1.5×: ${ratio >= 1.5 ? 'met' : 'not met'}); ` +
      `peak RSS ${ts.rssShare.toFixed(0)} % of the file (goal ≤ 25 %: ${ts.rssShare <= 25 ? 'met' : 'not met'})`,
  );
  if (ours[0]?.windows !== theirs[0]?.windows) console.log('  WARNING: window counts differ from the reference');

  await measureBlobPath(root, shared, pickle, megabytes, py.mbps);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runPreprocessBench();
}
