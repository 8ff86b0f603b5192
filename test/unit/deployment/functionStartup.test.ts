import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '../../../src/api/apiOperations.js';
import { projectRoot } from '../../support/projectPaths.js';
import type { StartupReport } from '../../support/functionRegistrations.js';

/**
 * What the Node.js worker does at start-up ("Azure Functions Node.js developer guide",
 * functions-reference-node: the files named by package.json `main` are loaded to register the
 * functions) runs in a child process on the built app (dist/, `npm run build` first), so the
 * module cache of this test process plays no part.
 */
const run = promisify(execFile);
const probe = path.join(projectRoot, 'dist/test/support/functionRegistrations.js');

async function startUp(extra: string[] = [], settings: Record<string, string> = {}): Promise<StartupReport> {
  const { stdout } = await run(process.execPath, [probe, '--app-root', projectRoot, ...extra], {
    cwd: projectRoot,
    maxBuffer: 16 * 1024 * 1024,
    // Loading touches no storage; the settings are what the app validates when it loads.
    env: { ...process.env, AzureWebJobsStorage: 'UseDevelopmentStorage=true', ...settings },
  });
  return JSON.parse(stdout) as StartupReport;
}

let report: StartupReport;

beforeAll(async () => {
  report = await startUp();
});

describe('the app at start-up', () => {
  it('does not load TensorFlow.js: only training and prediction import it, when a model runs', () => {
    expect(report.functions.length).toBeGreaterThan(30);
    expect(report.packages).toContain('@azure/functions');
    expect(report.packages.filter((name) => name.startsWith('@tensorflow/'))).toEqual([]);
  });

  it('would be seen loading it (the check can fail): a module that builds a tfjs model pulls it in', async () => {
    const control = await startUp(['--also', path.join(projectRoot, 'dist/src/domain/training/model/layersModel.js')]);
    expect(control.packages).toContain('@tensorflow/tfjs');
  });

  it('does not load the training engine or the prediction code: they load when a model runs', async () => {
    // A response schema (zod only, for the OpenAPI document) is not model code; anything else there is.
    const modelCode = (modules: string[]) =>
      modules.filter(
        (file) => /^dist\/src\/domain\/(training\/engine|prediction)\//.test(file) && !file.endsWith('Schema.js'),
      );
    expect(report.appModules.length).toBeGreaterThan(100);
    expect(modelCode(report.appModules)).toEqual([]);
    // The control: the training compute and the prediction route's modules do pull them in.
    const control = await startUp(['--also', path.join(projectRoot, 'dist/src/domain/runExecution/trainingWork.js')]);
    expect(modelCode(control.appModules)).toContain('dist/src/domain/training/engine/embeddedModel.js');
  });

  it('loads the telemetry exporters only when telemetry is configured (they are half the start-up otherwise)', async () => {
    const exporters = [
      '@azure/monitor-opentelemetry',
      '@azure/functions-opentelemetry-instrumentation',
      '@opentelemetry/exporter-trace-otlp-http',
      '@opentelemetry/sdk-trace-node',
    ];
    expect(report.packages.filter((name) => exporters.includes(name))).toEqual([]);
    const withInsights = await startUp([], {
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
    });
    expect(withInsights.packages).toContain('@azure/monitor-opentelemetry');
    expect(withInsights.packages).toContain('@azure/functions-opentelemetry-instrumentation');
    const withOtlp = await startUp([], { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9/v1/traces' });
    expect(withOtlp.packages).toContain('@opentelemetry/exporter-trace-otlp-http');
  });

  it('registers every HTTP operation of the table with authLevel anonymous (Easy Auth is the gate)', () => {
    // functions-bindings-http-webhook-trigger, authLevel: a 'function' route wants a key that a
    // caller signed in through App Service Authentication does not send.
    const http = report.functions.filter((fn) => fn.trigger === 'httpTrigger');
    expect(http.map((fn) => fn.name).sort()).toEqual(Object.keys(apiOperations).sort());
    expect(http.filter((fn) => fn.authLevel !== 'anonymous')).toEqual([]);
  });

  it('tells the host the worker exports its own OpenTelemetry when Application Insights is set, and only then', async () => {
    // opentelemetry-howto (JavaScript): with host.json telemetryMode OpenTelemetry the worker
    // registers @azure/functions-opentelemetry-instrumentation, which sets this capability.
    expect(report.capabilities.WorkerOpenTelemetryEnabled).toBeUndefined();
    const withInsights = await startUp([], {
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
    });
    expect(withInsights.capabilities.WorkerOpenTelemetryEnabled).toBe('true');
  });
});
