/**
 * Durable Functions activity concurrency sized to the instance memory. Microsoft Learn, azure-functions/durable/
 * durable-functions-perf-and-scale ("Concurrency throttles"): host.json extensions.durableTask.
 * maxConcurrentActivityFunctions caps the activities one instance runs at once; unset, it is 10 × the number of
 * processors. Flex Consumption (azure-functions/flex-consumption-plan, "Instance memory") gives each instance
 * instanceMemoryMB (2048 or 4096 here) for the host and the worker together.
 */
import { at, isValueObject } from '../arm/values.js';
import { ofType, prop, show, type Check } from './check.js';

/**
 * Memory one activity may hold: a training epoch activity holds about 0.5-1 GB (the window set, the model,
 * Adam's moments and TensorFlow.js tensors), so the budget is the upper end.
 */
export const perActivityBudgetMB = 1024;

/**
 * Memory the instance needs before any activity: the Functions host (.NET) and the Node worker with
 * TensorFlow.js and the Azure SDKs loaded. An estimate (Core Tools cannot run on the build machines); revisit
 * with the instance memory metrics in Application Insights.
 */
export const hostReserveMB = 512;

/** What durable-functions-perf-and-scale gives when the setting is absent, on the smallest machine (1 core). */
const defaultActivitiesPerCore = 10;

export const durableChecks: Check[] = [
  {
    id: 'Durable activity concurrency fits instance memory',
    title: `maxConcurrentActivityFunctions × ${String(perActivityBudgetMB)} MB + ${String(hostReserveMB)} MB fits instanceMemoryMB`,
    run: (input) => {
      const configured = at(input.hostJson, 'extensions.durableTask.maxConcurrentActivityFunctions');
      const activities = configured === undefined ? defaultActivitiesPerCore : configured;
      if (typeof activities !== 'number' || !Number.isInteger(activities) || activities < 1) {
        return [`host.json maxConcurrentActivityFunctions is ${show(configured)}`];
      }
      return ofType(input.deployment, 'Microsoft.Web/sites').flatMap((site) => {
        const config = prop(site, 'properties.functionAppConfig.scaleAndConcurrency');
        const memory = isValueObject(config) ? config.instanceMemoryMB : undefined;
        const needed = activities * perActivityBudgetMB + hostReserveMB;
        return typeof memory === 'number' && needed <= memory
          ? []
          : [`${String(activities)} activities need ${String(needed)} MB; an instance has ${show(memory)} MB`];
      });
    },
  },
];
