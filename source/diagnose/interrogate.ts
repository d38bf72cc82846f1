import type { AwsClients } from '../aws/clients.js';
import { getResource, listResources } from '../aws/cloud-control.js';
import { regionPacers, type RegionPacers } from '../aws/pacing.js';
import { readWhole } from '../aws/read-whole.js';
import { getResourceCalls, type ApiCall, type RegionFailure } from '../answer/answer.js';
import { regionFailure } from '../answer/aws-failure.js';
import type { Facts } from './facts.js';

export type Properties = Record<string, unknown>;

/** The regionRequestsPerSecond default: diagnoses are not given the setting. */
const defaultRequestsPerSecond = 10;

export interface InquiryDeps {
  clients: AwsClients;
  /** The session's region: where IAM is asked, and where regional resources are looked for when nothing names a region. */
  homeRegion: string;
  /** Most resources read from one listing. */
  listCap: number;
  signal?: AbortSignal;
}

/**
 * One diagnosis's questions to the account through Cloud Control. Probes read resources and
 * their relations, record what they learn as facts and findings, and never throw for a
 * resource that is missing or a call that fails: those become findings and failures.
 */
export class Inquiry {
  readonly findings: string[] = [];
  readonly calls: ApiCall[] = [];
  readonly failures: RegionFailure[] = [];
  readonly warnings: string[] = [];
  private readonly reads = new Map<string, Promise<Properties | null | undefined>>();
  /** Every call waits for its region's token, as the answers' calls do (qchat's default pace). */
  private readonly pacers: RegionPacers;

  constructor(
    readonly facts: Facts,
    private readonly deps: InquiryDeps,
  ) {
    this.pacers = regionPacers(deps.clients, defaultRequestsPerSecond);
  }

  /** The region to ask about a type: IAM is global; otherwise the region the error or URL names, else the session's. */
  regionFor(typeName: string): string {
    if (typeName.startsWith('AWS::IAM::')) return this.deps.homeRegion;
    const named = this.facts.get('region');
    if (named) return named;
    const note = `Neither the error nor the URL names a region, so qchat looked in ${this.deps.homeRegion}, your session's region.`;
    if (!this.warnings.includes(note)) this.warnings.push(note);
    return this.deps.homeRegion;
  }

  /** GetResource: the properties, null when the resource does not exist, undefined when the call failed. Each resource is read once. */
  read(typeName: string, identifier: string): Promise<Properties | null | undefined> {
    const region = this.regionFor(typeName);
    const key = `${typeName}\u0000${region}\u0000${identifier}`;
    let read = this.reads.get(key);
    if (!read) {
      read = this.ask(region, 'GetResource', async () => {
        const resource = await getResource(this.deps.clients, { typeName, identifier, region, pacer: this.pacers.of(region), ...(this.deps.signal ? { signal: this.deps.signal } : {}) });
        return { value: resource.properties ?? {}, pages: 1 };
      });
      this.reads.set(key, read);
    }
    return read;
  }

  /** ListResources up to the cap: every resource's properties, or undefined when the call failed. */
  async list(typeName: string): Promise<Properties[] | undefined> {
    const region = this.regionFor(typeName);
    const listed = await this.ask(region, 'ListResources', async () => {
      const listing = await listResources(this.deps.clients, { typeName, resourceModel: null, region, cap: this.deps.listCap, pacer: this.pacers.of(region), ...(this.deps.signal ? { signal: this.deps.signal } : {}) });
      if (listing.truncated) this.warnings.push(`Only the first ${this.deps.listCap} ${typeName} resources in ${region} were read (setting listCap).`);
      // List handlers often return identifiers only; the probes need the relations, so those are read whole.
      const bare = listing.resources.filter((resource) => resource.partial);
      const whole = await readWhole(this.deps.clients, typeName, bare, { pacers: this.pacers, concurrency: 5, ...(this.deps.signal ? { signal: this.deps.signal } : {}) });
      this.calls.push(...getResourceCalls(region, bare.length));
      const byResource = new Map(bare.map((resource, index) => [resource, whole[index]!]));
      return { value: listing.resources.map((resource) => (byResource.has(resource) ? (byResource.get(resource)!.value?.properties ?? resource.properties) : resource.properties) ?? {}), pages: listing.pages };
    });
    return listed ?? undefined;
  }

  note(finding: string): void {
    this.findings.push(finding);
  }

  private async ask<T>(region: string, operation: string, call: () => Promise<{ value: T; pages: number }>): Promise<T | null | undefined> {
    try {
      const { value, pages } = await call();
      this.calls.push({ service: 'cloudcontrol', operation, region, pages, fromCache: false });
      return value;
    } catch (error) {
      if (this.deps.signal?.aborted) throw error;
      this.calls.push({ service: 'cloudcontrol', operation, region, pages: 1, fromCache: false });
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return null;
      this.failures.push(regionFailure(region, error));
      return undefined;
    }
  }
}
