/** Storage names derived from the task hub, after DurableTask.AzureStorage's naming. */
export interface TaskHubNames {
  readonly hub: string;
  readonly historyTable: string;
  readonly instancesTable: string;
  readonly controlQueue: string;
  readonly workItemQueue: string;
}

export function taskHubNames(hub: string): TaskHubNames {
  if (!/^[A-Za-z][A-Za-z0-9]{2,44}$/.test(hub)) {
    throw new Error(
      `host.json extensions.durableTask.hubName "${hub}" must start with a letter and hold 3-45 letters or digits.`,
    );
  }
  const lower = hub.toLowerCase();
  return {
    hub,
    historyTable: `${hub}History`,
    instancesTable: `${hub}Instances`,
    controlQueue: `${lower}-control-00`,
    workItemQueue: `${lower}-workitems`,
  };
}
