import { metrics, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';

/**
 * The app's metrics. OpenTelemetry JS has no proxy for metrics: a meter or instrument taken before
 * a MeterProvider is registered is a no-op for good. So the instruments are created on first use,
 * and again whenever the global provider has changed (telemetry starts after the modules that
 * record metrics are imported).
 */
interface Instruments {
  windowsProcessed: Counter;
  epochDuration: Histogram;
  runOutcomes: Counter;
  windowsPredicted: Counter;
  predictionDrift: Counter;
}

function createInstruments(provider: MeterProvider): Instruments {
  const meter = provider.getMeter('wesad-mlops');
  return {
    windowsProcessed: meter.createCounter('wesad.ingestion.windows', { description: 'Windows written by ingestion' }),
    epochDuration: meter.createHistogram('wesad.training.epoch.duration', {
      description: 'Seconds per training epoch',
      unit: 's',
    }),
    runOutcomes: meter.createCounter('wesad.training.runs', { description: 'Finished runs by outcome' }),
    windowsPredicted: meter.createCounter('wesad.prediction.windows', {
      description: 'Windows scored by predictions',
    }),
    predictionDrift: meter.createCounter('wesad.prediction.drift', {
      description: 'Predictions by drift outcome (flagged, not flagged, unavailable)',
    }),
  };
}

let current: { provider: MeterProvider; instruments: Instruments } | undefined;

function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (current?.provider !== provider) current = { provider, instruments: createInstruments(provider) };
  return current.instruments;
}

export const telemetryMetrics: Instruments = {
  get windowsProcessed() {
    return instruments().windowsProcessed;
  },
  get epochDuration() {
    return instruments().epochDuration;
  },
  get runOutcomes() {
    return instruments().runOutcomes;
  },
  get windowsPredicted() {
    return instruments().windowsPredicted;
  },
  get predictionDrift() {
    return instruments().predictionDrift;
  },
};
