import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText } from '../../../src/cli/helpText.js';
import { projectRoot } from '../../support/projectPaths.js';

/** The compiled CLI, as `npx wesad-mlops` runs it (`npm run build` first, as for the host tests). */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'dist/src/cli/main.js'), ...args], {
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The commands main.ts dispatches, read from its source so a new command without help fails here. */
const commands = [
  ...readFileSync(path.join(projectRoot, 'src/cli/main.ts'), 'utf8').matchAll(/command === '([a-z-]+)'/g),
].map((match) => match[1] ?? '');

describe('wesad-mlops help', () => {
  it('answers --help, -h and help with the commands, exit code 0', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const { status, stdout } = cli(...args);
      expect(status).toBe(0);
      for (const command of commands) expect(stdout).toContain(command);
    }
  });

  it('has help for every command, both as `help <command>` and `<command> --help`', () => {
    expect(commands).toEqual(expect.arrayContaining(['preprocess', 'generate']));
    for (const command of commands) {
      const viaHelp = cli('help', command);
      const viaFlag = cli(command, '--help');
      expect(viaHelp.status).toBe(0);
      expect(viaHelp.stdout).toContain(`usage: wesad-mlops ${command}`);
      expect(viaFlag).toEqual(viaHelp);
    }
    expect(cli('help', 'preprocess').stdout).toContain('--format');
  });

  it('refuses help on an unknown command with exit code 2, and points to --help on a wrong command', () => {
    const unknown = cli('help', 'train');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown command 'train'");
    const wrong = cli('bogus');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--help');
  });

  it('is asked for only by the help words', () => {
    expect(helpText('preprocess', ['S2.pkl', '--out', 'x'])).toBeUndefined();
    expect(helpText(undefined, [])).toBeUndefined();
  });
});
