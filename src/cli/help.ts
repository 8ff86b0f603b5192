import { GENERATE_USAGE, PREPROCESS_USAGE } from './usage.js';

/** What `wesad-mlops help <command>` and `wesad-mlops <command> --help` print. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  preprocess: `usage: ${PREPROCESS_USAGE}

Turns a WESAD recording into a window set (EDA.npy BVP.npy TEMP.npy ACC.npy [y.npy] t.npy and
manifest.json) exactly as ingestion does, and prints its version, window count and speed.

  FILE                  S{n}.pkl (labelled windows), S{n}_E4_Data.zip, or an unzipped E4 folder
                        holding ACC.csv BVP.csv EDA.csv TEMP.csv (unlabelled windows, Unix times)
  --out DIR             where the files are written (created if missing)
  --format F            wesad-wrist-v1 or wesad-wrist-v2 (default: v1 for pickles, v2 for E4
                        exports; v2 leaves sensor start-up and off-wrist seconds out, see
                        docs/preprocessing.md)
  --window W            window length in seconds (default 8)
  --step S              step between window starts in seconds (default 2)
  --signals LIST        comma-separated subset of EDA,BVP,TEMP,ACC (default all four)
  --include-meditation  label meditation windows 0 instead of leaving them out
  --subject ID          subject id to record (default: from the file, else its name)
  --max-bytes N         refuse inputs larger than N bytes
  --help                this text`,
  generate: `usage: ${GENERATE_USAGE}

Writes seedable synthetic subjects in WESAD's layout: DIR/S{n}/S{n}.pkl, S{n}_E4_Data.zip and
S{n}_quest.csv, following the study protocol. The same options always give the same files.

  --out DIR             where the subject folders are written
  --subjects LIST       comma-separated ids (default the 15 WESAD subjects S2–S11, S13–S17)
  --seconds N           length of the synchronised recording, 60–20000 (default 6000)
  --seed K              random seed (default 1)
  --no-chest            leave the 700 Hz chest arrays out of the pickles (about 10 MB instead of 280 MB)
  --no-e4               write only the pickles
  --help                this text`,
  help: `usage: wesad-mlops help [COMMAND]

Prints the commands, or one command's options.`,
};

export const OVERVIEW = `usage: wesad-mlops <command> [options]

Commands:
  preprocess   a WESAD pickle or E4 export → a window set, as ingestion makes it
  generate     synthetic WESAD subjects (pickle, E4 export, quest file) for tests and demos
  help         this text, or \`help <command>\` for a command's options

Run \`wesad-mlops <command> --help\` for a command's options.`;

export function isHelpFlag(argument: string): boolean {
  return argument === '--help' || argument === '-h';
}
