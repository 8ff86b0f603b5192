import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDirectory } from '../../../support/projectPaths.js';

/**
 * Debian's python3 with python3-numpy (the default `python3` may be a pyenv build without numpy).
 * Tests that need it fail loudly when it is missing: CI installs it.
 */
export const PYTHON = process.env.WESAD_PYTHON ?? '/usr/bin/python3';

export const SHARED_DIR = sharedDirectory;

export const FIXTURE_TOOL = join(SHARED_DIR, 'tools/make_wesad_fixture.py');
export const REFERENCE_TOOL = join(SHARED_DIR, 'bench/preprocess_reference.py');
export const SHARED_FIXTURES = join(SHARED_DIR, 'fixtures/wesad');

function requireTool(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing; set WESAD_SHARED_DIR to the shared/ folder.`);
}

export function runPython(args: readonly string[]): string {
  requireTool(FIXTURE_TOOL);
  try {
    return execFileSync(PYTHON, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `${PYTHON} ${args.join(' ')} failed (install Debian's python3-numpy: apt-get install -y python3-numpy)\n${stderr}`,
    );
  }
}

export interface FixtureSpec {
  style: 'py2' | 'py3';
  protocol: number;
  seconds?: number;
  seed?: number;
  flags?: readonly ('--fortran' | '--bigendian' | '--label-int64' | '--numpy2-path')[];
}

/** Writes a subject pickle with make_wesad_fixture.py (numpy-written, like real files) and returns its path. */
export function makeFixture(directory: string, name: string, spec: FixtureSpec): string {
  const path = join(directory, `${name}.pkl`);
  runPython([
    FIXTURE_TOOL,
    path,
    name,
    String(spec.seconds ?? 60),
    spec.style,
    String(spec.protocol),
    String(spec.seed ?? 1),
    ...(spec.flags ?? []),
  ]);
  return path;
}

/** Runs preprocess_reference.py and returns its output folder. */
export function runReference(pickle: string, outDir: string, step = 2, includeMeditation = false): string {
  requireTool(REFERENCE_TOOL);
  runPython([REFERENCE_TOOL, pickle, outDir, String(step), ...(includeMeditation ? ['--include-meditation'] : [])]);
  return outDir;
}
