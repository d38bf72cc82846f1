import type { ProgressEvent } from '../../answer/execution-context.js';

/** What the spinner says while a question runs: "Listing AWS::Lambda::Function: 3 of 17 regions", "1 region" singular. */
export function progressText(event: ProgressEvent): { label: string; progress?: { done: number; total: number } } {
  if (event.kind === 'cost') return { label: `Asking Cost Explorer (${event.operation})…` };
  if (event.kind === 'details') return { label: event.label };
  const regions = event.total === 1 ? '1 region' : `${event.total} regions`;
  return { label: `Listing ${event.typeName}: ${event.done} of ${regions}`, progress: { done: event.done, total: event.total } };
}
