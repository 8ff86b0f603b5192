import type { apiOperations } from './apiOperations.js';

/**
 * Request bodies an operation takes in a media type other than JSON, for the OpenAPI document
 * (a JSON body comes from the operation's `body` schema in apiOperations.ts).
 */
export const nonJsonRequestContent: Readonly<
  Partial<Record<keyof typeof apiOperations, Readonly<Record<string, Record<string, unknown>>>>>
> = {
  // functions/prediction.ts: requireMediaType(application/zip, application/json); the zip is read whole.
  predictWithStage: {
    'application/zip': {
      schema: {
        type: 'string',
        contentMediaType: 'application/zip',
        description: 'An Empatica E4 export zip holding ACC.csv, BVP.csv, EDA.csv and TEMP.csv',
      },
    },
  },
};
