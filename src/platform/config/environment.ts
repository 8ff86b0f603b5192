import { z } from 'zod';

/**
 * Where the app's storage lives. Locally a connection string (Azurite); in Azure the
 * identity-based settings the Functions host itself understands, so no key is ever stored.
 */
export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string }
  | {
      kind: 'identity';
      blobServiceUri: string;
      queueServiceUri: string;
      tableServiceUri: string;
      /** Client id of a user-assigned managed identity; absent means the default credential chain. */
      clientId: string | undefined;
    };

export type HostKind = 'azure-functions' | 'azure-functions-core-tools' | 'local-devhost' | 'unknown';

export interface AppConfig {
  storage: StorageConfig;
  /** Uploads larger than this are refused before they are read. */
  maxUploadBytes: number;
  /** Days after which table rows describing uploads and window sets are deleted (blobs: lifecycle policy). */
  dataRetentionDays: number;
  /** Application Insights; telemetry is exported only when it is set. */
  applicationInsightsConnectionString: string | undefined;
  /** OTLP/HTTP traces endpoint: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  otlpTracesEndpoint: string | undefined;
  /** The commit the deployed code was built from, when the build recorded it. */
  gitCommit: string | undefined;
  /** Which host runs the app, reported by the health endpoint. */
  hostKind: HostKind;
  /**
   * App Service Authentication (Easy Auth) is on: the platform sets WEBSITE_AUTH_ENABLED=True, and
   * only then are the `x-ms-client-principal*` headers its own (it strips them from what clients
   * send). Default false: without it those headers are just text a client sent, and are ignored.
   */
  easyAuthEnabled: boolean;
}

const httpUrl = z.url({ protocol: /^https?$/ });

const environmentSchema = z.object({
  WESAD_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(1_073_741_824),
  DATA_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(21),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  WEBSITE_INSTANCE_ID: z.string().min(1).optional(),
  FUNCTIONS_CORETOOLS_ENVIRONMENT: z.string().optional(),
  WESAD_LOCAL_DEVHOST: z.string().optional(),
  WEBSITE_AUTH_ENABLED: z.string().optional(),
  WESAD_GIT_COMMIT: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/)
    .optional(),
});

/** The settings a Functions storage connection named `name` may use, as the host reads them. */
function storageConnectionSchema(name: string) {
  return z.object({
    [name]: z.string().min(1).optional(),
    [`${name}__blobServiceUri`]: httpUrl.optional(),
    [`${name}__queueServiceUri`]: httpUrl.optional(),
    [`${name}__tableServiceUri`]: httpUrl.optional(),
    [`${name}__accountName`]: z
      .string()
      .regex(/^[a-z0-9]{3,24}$/)
      .optional(),
    [`${name}__clientId`]: z.string().min(1).optional(),
  });
}

export class ConfigurationError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Parses the process environment once; every setting the app reads is validated here. */
export function parseAppConfig(environment: NodeJS.ProcessEnv): AppConfig {
  const values = validate(environmentSchema, environment);
  return {
    storage: parseStorageConnection(environment, 'AzureWebJobsStorage'),
    maxUploadBytes: values.WESAD_MAX_UPLOAD_BYTES,
    dataRetentionDays: values.DATA_RETENTION_DAYS,
    applicationInsightsConnectionString: values.APPLICATIONINSIGHTS_CONNECTION_STRING,
    otlpTracesEndpoint:
      values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      (values.OTEL_EXPORTER_OTLP_ENDPOINT === undefined
        ? undefined
        : `${values.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`),
    gitCommit: values.WESAD_GIT_COMMIT,
    hostKind:
      values.WEBSITE_INSTANCE_ID !== undefined
        ? 'azure-functions'
        : values.FUNCTIONS_CORETOOLS_ENVIRONMENT === 'true'
          ? 'azure-functions-core-tools'
          : values.WESAD_LOCAL_DEVHOST === 'true'
            ? 'local-devhost'
            : 'unknown',
    easyAuthEnabled: values.WEBSITE_AUTH_ENABLED?.trim().toLowerCase() === 'true',
  };
}

export function validate<Schema extends z.ZodType>(schema: Schema, environment: NodeJS.ProcessEnv): z.infer<Schema> {
  const parsed = schema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}

/**
 * Reads the storage connection `name` (a binding's `connection`) the way the Functions host
 * does: a connection string in `name`, or identity-based settings `name__blobServiceUri`, ….
 */
export function parseStorageConnection(environment: NodeJS.ProcessEnv, name: string): StorageConfig {
  const values = validate(storageConnectionSchema(name), environment) as Record<string, string | undefined>;
  const accountName = values[`${name}__accountName`];
  const blobServiceUri =
    values[`${name}__blobServiceUri`] ??
    (accountName === undefined ? undefined : `https://${accountName}.blob.core.windows.net`);
  if (blobServiceUri !== undefined) {
    const serviceUri = (service: 'queue' | 'table'): string => {
      const explicit = values[`${name}__${service}ServiceUri`];
      if (explicit !== undefined) return explicit;
      if (accountName !== undefined) return `https://${accountName}.${service}.core.windows.net`;
      throw new ConfigurationError([`${name}__${service}ServiceUri is required with an identity-based ${name}`]);
    };
    return {
      kind: 'identity',
      blobServiceUri,
      queueServiceUri: serviceUri('queue'),
      tableServiceUri: serviceUri('table'),
      clientId: values[`${name}__clientId`],
    };
  }
  const connectionString = values[name];
  if (connectionString !== undefined) return { kind: 'connectionString', connectionString };
  throw new ConfigurationError([
    `${name} is not set: give a connection string (locally "UseDevelopmentStorage=true") ` +
      `or ${name}__accountName / ${name}__blobServiceUri for a managed identity`,
  ]);
}
