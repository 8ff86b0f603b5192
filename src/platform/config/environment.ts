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

/** How the Application Insights exporter authenticates: a managed identity (client id for a user-assigned one). */
export interface TelemetryCredentialChoice {
  kind: 'managed-identity';
  clientId: string | undefined;
}

export interface TelemetryConfig {
  /** Application Insights; telemetry is exported only when it is set. */
  applicationInsightsConnectionString: string | undefined;
  /**
   * Set when APPLICATIONINSIGHTS_AUTHENTICATION_STRING says `Authorization=AAD` (the resource has
   * local authentication disabled): the client id is the string's `ClientId`, else AZURE_CLIENT_ID,
   * else none (system-assigned identity). Default: unset, the connection string alone.
   */
  applicationInsightsCredential: TelemetryCredentialChoice | undefined;
  /** OTLP/HTTP traces endpoint: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  otlpTracesEndpoint: string | undefined;
}

export interface AppConfig extends TelemetryConfig {
  storage: StorageConfig;
  /** Uploads larger than this are refused before they are read. */
  maxUploadBytes: number;
  /** Days after which table rows describing uploads and window sets are deleted (blobs: lifecycle policy). */
  dataRetentionDays: number;
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

const telemetrySchema = z.object({
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().min(1).optional(),
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: z.string().optional(),
  AZURE_CLIENT_ID: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
});

const environmentSchema = z.object({
  WESAD_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(1_073_741_824),
  DATA_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(21),
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
    ...parseTelemetryConfig(environment),
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

/**
 * The telemetry settings alone: telemetry starts while the app's modules load, before anything
 * else needs (or may refuse) the rest of the configuration. parseAppConfig includes them.
 */
export function parseTelemetryConfig(environment: NodeJS.ProcessEnv): TelemetryConfig {
  const values = validate(telemetrySchema, environment);
  return {
    applicationInsightsConnectionString: values.APPLICATIONINSIGHTS_CONNECTION_STRING,
    applicationInsightsCredential: parseAuthenticationString(
      values.APPLICATIONINSIGHTS_AUTHENTICATION_STRING,
      values.AZURE_CLIENT_ID,
    ),
    otlpTracesEndpoint:
      values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      (values.OTEL_EXPORTER_OTLP_ENDPOINT === undefined
        ? undefined
        : `${values.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`),
  };
}

/**
 * APPLICATIONINSIGHTS_AUTHENTICATION_STRING as "Microsoft Entra authentication for Application
 * Insights" (azure-ad-authentication) defines it: `Authorization=AAD` for a system-assigned
 * identity, `Authorization=AAD;ClientId=<client id>` for a user-assigned one (pairs in any order).
 */
function parseAuthenticationString(
  text: string | undefined,
  azureClientId: string | undefined,
): TelemetryCredentialChoice | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const pairs = new Map(
    text
      .split(';')
      .filter((part) => part.trim() !== '')
      .map((part) => {
        const at = part.indexOf('=');
        return [
          part
            .slice(0, at < 0 ? part.length : at)
            .trim()
            .toLowerCase(),
          at < 0 ? '' : part.slice(at + 1).trim(),
        ];
      }),
  );
  if (pairs.get('authorization')?.toLowerCase() !== 'aad') {
    throw new ConfigurationError([
      `APPLICATIONINSIGHTS_AUTHENTICATION_STRING: expected "Authorization=AAD" (optionally ";ClientId=<id>"), got "${text}"`,
    ]);
  }
  const clientId = pairs.get('clientid');
  return { kind: 'managed-identity', clientId: clientId === undefined || clientId === '' ? azureClientId : clientId };
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
