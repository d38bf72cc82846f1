import type { AwsClients } from '../aws/clients.js';
import type { CostExplorer } from '../aws/cost-explorer.js';
import type { EnabledRegionsCache } from '../aws/enabled-regions.js';
import type { Settings } from '../config/settings.js';

export type OtherRegions = 'ask' | 'needs-pro' | 'turned-off';

/** What is happening while a question runs, for spinners and progress lines. */
export type ProgressEvent =
  | { kind: 'regions'; typeName: string; done: number; total: number }
  | { kind: 'cost'; operation: string }
  /** Reads a filter or a column needs, already phrased: "describing 26 of 112 EC2 instances". */
  | { kind: 'details'; label: string };

/** GetResource reads past describeLimit that a filter needs; the chat asks whether to make them. */
export interface DetailsRequest {
  calls: number;
  /** Already phrased: "To filter on state, qchat would read each of the 112 EC2 instances with GetResource: …". */
  text: string;
}

export interface ExecutionContext {
  clients: AwsClients;
  costs: CostExplorer;
  enabledRegions: EnabledRegionsCache;
  /** The session's region: where global types are listed. */
  homeRegion: string;
  settings: Pick<Settings, 'listCap' | 'tableRows' | 'fanoutConcurrency' | 'regionRequestsPerSecond' | 'describeLimit'>;
  now: Date;
  /** The user's cancel. */
  signal?: AbortSignal;
  /** The question's deadline (setting questionTimeout): what has not answered by then is a failure. */
  deadline?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Whether the user may ask the other regions a default-region answer offers: yes (absent), not
   * without Pro, or not on this tier at all (the tier policy turns cross-region questions off).
   */
  otherRegions?: OtherRegions;
  /** Past describeLimit, make the reads anyway (`qchat ask --details`). */
  details?: boolean;
  /** Past describeLimit, ask (the chat's y/n); true makes the reads. Without it, or on false, the filter is not applied. */
  confirmDetails?: (request: DetailsRequest) => Promise<boolean>;
}
