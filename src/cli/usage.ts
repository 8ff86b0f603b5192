export const PREPROCESS_USAGE =
  'wesad-mlops preprocess FILE(.pkl|.zip)|E4_FOLDER --out DIR [--step S] [--window W] [--signals EDA,BVP,TEMP,ACC] ' +
  '[--include-meditation] [--subject ID] [--max-bytes N] [--format wesad-wrist-v1|wesad-wrist-v2]';

export const GENERATE_USAGE =
  'wesad-mlops generate --out DIR [--subjects S2,S3,...] [--seconds 6000] [--seed 1] [--no-chest] [--no-e4]';
