import { COMMAND_HELP, isHelpFlag, OVERVIEW } from './help.js';

/**
 * The help a command line asks for, if it asks: `--help`/`-h`/`help` alone print the commands;
 * `help <command>` and `<command> --help` print that command's options. An unknown command in
 * `help <command>` prints the overview with a failing exit code, as an unknown command does.
 */
export function helpText(
  command: string | undefined,
  rest: readonly string[],
): { text: string; exitCode: number } | undefined {
  if (command === undefined) return undefined;
  if (isHelpFlag(command) || command === 'help') {
    const [topic] = rest;
    if (topic === undefined || isHelpFlag(topic)) return { text: OVERVIEW, exitCode: 0 };
    const text = COMMAND_HELP[topic];
    return text === undefined
      ? { text: `Unknown command '${topic}'.\n\n${OVERVIEW}`, exitCode: 2 }
      : { text, exitCode: 0 };
  }
  if (rest.some(isHelpFlag)) {
    const text = COMMAND_HELP[command];
    return text === undefined
      ? { text: `Unknown command '${command}'.\n\n${OVERVIEW}`, exitCode: 2 }
      : { text, exitCode: 0 };
  }
  return undefined;
}
