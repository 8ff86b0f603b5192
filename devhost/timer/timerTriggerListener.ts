import type { FunctionCatalog, HostLogger, RegisteredFunction } from '../core/functionCatalog.js';
import type { Invoker } from '../core/invoker.js';
import { describeError } from '../core/describeError.js';
import { NcrontabSchedule } from './ncrontab.js';

/**
 * Timer triggers for the local host: each function fires at its NCRONTAB schedule (a `%SETTING%`
 * schedule is read from the environment, as the host does) and, with runOnStartup, once at
 * start. One host runs each timer; the Functions host's cross-instance lock is not needed here.
 */
export class TimerTriggerListener {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();
  #stopped = false;

  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly invoker: Invoker,
    private readonly environment: NodeJS.ProcessEnv,
    private readonly logger: HostLogger,
  ) {}

  start(): void {
    for (const fn of this.catalog.byTrigger('timerTrigger')) {
      const schedule = new NcrontabSchedule(this.#resolve(fn));
      if (fn.trigger.runOnStartup === true) this.#fire(fn, schedule, new Date());
      this.#arm(fn, schedule, new Date());
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all(this.#running);
  }

  #resolve(fn: RegisteredFunction): string {
    const schedule = fn.trigger.schedule;
    if (typeof schedule !== 'string') throw new Error(`Timer trigger "${fn.metadata.name}" has no schedule.`);
    const setting = /^%(.+)%$/.exec(schedule)?.[1];
    if (setting === undefined) return schedule;
    const value = this.environment[setting];
    if (value === undefined)
      throw new Error(`Timer trigger "${fn.metadata.name}" reads its schedule from ${setting}, which is not set.`);
    return value;
  }

  #arm(fn: RegisteredFunction, schedule: NcrontabSchedule, after: Date): void {
    if (this.#stopped) return;
    const next = schedule.next(after);
    // setTimeout takes at most about 24.8 days; longer waits re-arm on the way.
    const wait = Math.min(next.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        if (Date.now() + 5 < next.getTime()) {
          this.#arm(fn, schedule, new Date());
          return;
        }
        this.#fire(fn, schedule, next);
        this.#arm(fn, schedule, next);
      },
      Math.max(0, wait),
    );
    this.#timers.add(timer);
  }

  #fire(fn: RegisteredFunction, schedule: NcrontabSchedule, due: Date): void {
    const status = {
      Schedule: { AdjustForDST: true },
      ScheduleStatus: {
        Last: due.toISOString(),
        Next: schedule.next(due).toISOString(),
        LastUpdated: new Date().toISOString(),
      },
      IsPastDue: Date.now() - due.getTime() > 60_000,
    };
    const run = this.invoker
      .invoke(fn, { trigger: { json: JSON.stringify(status) } })
      .then(() => {
        this.logger('information', 'system', `Executed ${fn.metadata.name} (timer, due ${due.toISOString()})`);
      })
      .catch((error: unknown) => {
        this.logger('error', 'system', `Timer function ${fn.metadata.name} failed: ${describeError(error)}`);
      })
      .finally(() => this.#running.delete(run));
    this.#running.add(run);
  }
}
