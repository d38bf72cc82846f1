import { join } from 'node:path';
import type { Answer } from '../answer/answer.js';
import { diagnoseError, type DiagnoseInput } from '../diagnose/diagnose.js';
import { executePlan } from '../answer/execute.js';
import type { DetailsRequest, OtherRegions, ProgressEvent } from '../answer/execution-context.js';
import { isCostPlan, isMultiRegion, withRegions, type Plan, type PlanResult } from '../understanding/plan.js';
import { planQuestion } from '../understanding/planner.js';
import { afterAdmission, NotAdmittedError } from '../aws/admission.js';
import { AwsClients } from '../aws/clients.js';
import { accessProblem } from '../aws/credential-error.js';
import { CostCache } from '../aws/cost-cache.js';
import { CostExplorer } from '../aws/cost-explorer.js';
import { EnabledRegionsCache } from '../aws/enabled-regions.js';
import { QuestionDeadline } from '../aws/fanout.js';
import { withReplyBudget } from '../aws/reply-budget.js';
import { endpointOf, resolveAwsTarget, type ResolvedTarget } from '../aws/target.js';
import type { RunContext } from '../config/run-context.js';
import { ExitCode, QchatError } from '../errors.js';
import type { Clock } from '../config/clock.js';
import { getCallerIdentity, type CallerIdentity } from '../identity/caller-identity.js';
import { CredentialsFile } from '../identity/credentials-file.js';
import type { Entitlements } from '../identity/entitlements.js';
import { isExpired, signInExpiredMessage, type IdentityContext } from '../identity/identity-context.js';
import type { SignInPrompt, SignInTarget } from '../identity/oidc.js';
import type { QProfile } from '../identity/q-profiles.js';
import { resolveIdentity, type Resolution } from '../identity/resolve-identity.js';
import { signInSource, type SignInSource } from '../identity/sign-in-source.js';
import { chooseSignInFlow, signInWith } from '../identity/sign-in.js';
import { openHistory, type HistoryStore } from '../history/store.js';
import { checkFeature, type TierAssignment } from '../tiers/gate.js';
import { loadTierPolicy, type Feature, type TierName, type TierPolicy } from '../tiers/policy.js';
import { RateLimiter, type Usage } from '../tiers/rate-limiter.js';
import type { Refusal } from '../tiers/refusal.js';

export interface AskOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Consent to ask other regions: true for headless questions (naming regions, or --all-regions,
   * is consent); the TUI passes the user's remembered choice, undefined while unasked.
   */
  crossRegionConsent?: boolean | undefined;
  /** The conversation's last plan, which a follow-up question changes. */
  previous?: Plan | undefined;
  /** Make the GetResource reads a filter needs even past describeLimit (`qchat ask --details`). */
  details?: boolean;
  /** Past describeLimit, ask the user (the chat's y/n); the question's deadline waits meanwhile. */
  confirmDetails?: (request: DetailsRequest) => Promise<boolean>;
}

export type AskResult =
  | { kind: 'reply'; result: Extract<PlanResult, { kind: 'reply' }> }
  | { kind: 'answer'; plan: Plan; answer: Answer }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'needs-consent'; plan: Plan }
  | { kind: 'sign-in-required'; message: string };

export type IdentityState =
  | { kind: 'ready'; context: IdentityContext; entitlements: Entitlements; notes: string[] }
  | { kind: 'sign-in-required'; resolution: Extract<Resolution, { kind: 'sign-in-required' }> };

export interface SignInOptions {
  signal?: AbortSignal;
  /** Sign in at this start URL instead (another Identity Center instance). */
  target?: SignInTarget;
  /** The device code flow even where a browser could open (`qchat login --device-code`). */
  deviceCode?: boolean;
  /** Told when the device flow is chosen because no browser can open here. */
  onFlow?: (flow: 'browser' | 'device', why: string | undefined) => void;
}

export interface SessionOptions {
  /** Skip the Cost Explorer cache (`--no-cache`). */
  noCache?: boolean;
}

/**
 * The conversation engine both front ends drive: it owns the AWS target, the caller's identity
 * context and tier, the limits, and turns each question into an answer or a refusal. No React or
 * Ink here.
 */
export class ChatSession {
  readonly policy: TierPolicy;
  readonly warnings: string[] = [];
  identity: IdentityState | undefined;
  /** Cost Explorer through the session's cost cache (answers, and `qchat doctor`'s cost check). */
  readonly costs: CostExplorer;
  private readonly enabledRegions: EnabledRegionsCache;
  private readonly limiter: RateLimiter;
  private readonly credentials: CredentialsFile;
  private source: Promise<SignInSource | undefined> | undefined;
  /** History stores opened by this session, flushed on close. */
  private readonly stores: HistoryStore[] = [];

  private constructor(
    readonly context: RunContext,
    readonly target: ResolvedTarget,
    readonly clients: AwsClients,
    readonly caller: CallerIdentity,
    options: SessionOptions,
  ) {
    const { settings, paths, clock } = context;
    const ttlMs = settings.costCacheTtl * 1000;
    const cache = options.noCache || ttlMs === 0 ? undefined : new CostCache(join(paths.cache, 'cost-explorer'), ttlMs, clock);
    // The in-process sandbox listens on a new port each run; its accounts are the same every time.
    const scope = target.kind === 'sandbox' ? 'sandbox' : (target.target.endpoint ?? 'aws');
    // Keyed by principal, not account: a principal Cost Explorer denies must not get another's figures.
    this.costs = new CostExplorer(clients, cache, `${caller.arn}@${scope}`);
    this.enabledRegions = new EnabledRegionsCache(clients);
    this.credentials = new CredentialsFile(paths.data, clock);
    const onSandbox = target.kind === 'sandbox';
    this.policy = loadTierPolicy(onSandbox ? settings.tiersFile : undefined);
    if (settings.tiersFile && !onSandbox) this.warnings.push('The tiersFile setting applies only on the sandbox; the shipped tier policy is in force.');
    this.limiter = new RateLimiter({ dataDir: paths.data, policy: this.policy, clock: this.limitClock, onWarning: (message) => this.warnings.push(message) });
  }

  static async open(context: RunContext, options: SessionOptions = {}): Promise<ChatSession> {
    const target = await resolveAwsTarget(context.settings, context.clock, context.env);
    const clients = new AwsClients(target.target);
    // Like a question, opening has a deadline: a silent endpoint must not hang qchat.
    const deadline = AbortSignal.timeout(context.settings.questionTimeout * 1000);
    try {
      const caller = await getCallerIdentity(clients, deadline);
      return new ChatSession(context, target, clients, caller, options);
    } catch (error) {
      await clients.destroy();
      await target.close();
      const endpoint = endpointOf(target);
      if (deadline.aborted) {
        throw new QchatError('NO_ANSWER', `AWS STS at ${endpoint} did not answer within ${context.settings.questionTimeout} s (setting questionTimeout).`, { details: { endpoint } });
      }
      throw accessProblem(error, target.kind === 'aws' ? { profile: target.profile, sso: target.sso, endpoint } : { endpoint }) ?? error;
    }
  }

  get region(): string {
    return this.target.target.region;
  }

  /** Limits count by the real clock on a real account, so QCHAT_NOW cannot move a user into a fresh month. */
  private get limitClock(): Clock {
    return this.target.kind === 'sandbox' ? this.context.clock : () => new Date();
  }

  /** Resolves who is asking and what their tier allows; throws IdentityError where a prerequisite is missing. */
  async identify(options: { signal?: AbortSignal; profileName?: string } = {}): Promise<IdentityState> {
    const signal = options.signal ?? AbortSignal.timeout(this.context.settings.questionTimeout * 1000);
    const resolution = await resolveIdentity({
      clients: this.clients,
      caller: this.caller,
      endpointOverride: this.target.target.endpoint,
      clock: this.context.clock,
      credentials: this.credentials,
      source: await this.signInSource(),
      profileName: options.profileName ?? this.context.settings.subscription,
      signal,
    });
    this.warnings.push(...this.credentials.warnings.splice(0));
    this.identity = resolution.kind === 'ready' ? { kind: 'ready', context: resolution.context, entitlements: resolution.entitlements, notes: resolution.notes } : { kind: 'sign-in-required', resolution };
    return this.identity;
  }

  /**
   * Signs in to IAM Identity Center (PKCE in the browser, or the device code) where the identity
   * state asks for it, or at `options.target`; then resolves the identity again.
   */
  async signIn(onPrompt: (prompt: SignInPrompt) => void, options: SignInOptions = {}): Promise<IdentityState> {
    const { signal } = options;
    let target = options.target;
    if (!target) {
      const state = this.identity ?? (await this.identify(signal ? { signal } : {}));
      if (state.kind === 'ready') return state;
      target = state.resolution.target;
    }
    const { flow, why } = chooseSignInFlow(Boolean(options.deviceCode), this.context.env);
    options.onFlow?.(flow, why);
    const deps = { clients: this.clients, credentials: this.credentials, clock: this.context.clock, oidcEndpoint: this.target.target.endpoint, ...(signal ? { signal } : {}) };
    await signInWith(flow, deps, target, onPrompt);
    return this.identify(signal ? { signal } : {});
  }

  /** The Identity Center region this person signs in to, where something says (flags, settings, sso-session, sandbox). */
  async signInRegion(): Promise<string | undefined> {
    return (await this.signInSource())?.target.region;
  }

  /** Deletes the credentials file: every token and client registration. Returns how many sign-ins it held. */
  logout(): number {
    this.identity = undefined;
    return this.credentials.remove();
  }

  /** Switches to another Q Developer profile and keeps the choice; one on an instance whose sign-in has lapsed needs a sign-in there. */
  async switchProfile(name: string, signal?: AbortSignal): Promise<IdentityState> {
    const state = await this.identify({ profileName: name, ...(signal ? { signal } : {}) });
    if (state.kind === 'ready' && state.entitlements.subscription) await this.credentials.selectProfile(state.entitlements.subscription.profile.arn);
    return state;
  }

  /** Every Q Developer profile the user's sign-ins list. */
  get knownProfiles(): QProfile[] {
    return this.identity?.kind === 'ready' ? this.identity.entitlements.all : [];
  }

  private signInSource(): Promise<SignInSource | undefined> {
    this.source ??= signInSource(this.context.settings, this.context.env, this.target.kind === 'sandbox' ? this.target.signIn : undefined);
    return this.source;
  }

  /**
   * The user's history store when the tier keeps history (Pro), else the refusal that says why.
   * Free users' conversations are never written to disk.
   */
  async history(): Promise<{ kind: 'store'; store: HistoryStore } | { kind: 'refused'; refusal: Refusal } | { kind: 'not-signed-in' } | { kind: 'unidentified'; message: string }> {
    const state = this.identity;
    if (state?.kind !== 'ready') return { kind: 'not-signed-in' };
    const gate = checkFeature(this.policy, state.entitlements.assignment, 'history');
    if (!gate.allowed) return { kind: 'refused', refusal: gate.refusal };
    if (!state.context.userId) return { kind: 'unidentified', message: 'History cannot be kept for an unidentified user (no identity store user ID is known): this run\'s turns stay in memory only.' };
    const { settings, paths, clock } = this.context;
    const store = await openHistory({
      dataDir: paths.data,
      userId: state.context.userId,
      clock,
      retention: { maxConversations: settings.historyMaxConversations, maxAgeDays: settings.historyMaxAgeDays },
    });
    this.stores.push(store);
    return { kind: 'store', store };
  }

  async usage(): Promise<Usage | undefined> {
    const state = this.identity;
    if (state?.kind !== 'ready') return undefined;
    return this.limiter.usage(limitKey(state.context), state.entitlements.assignment.tier);
  }

  plan(question: string, previous?: Plan): PlanResult {
    return planQuestion(question, { now: this.context.clock(), region: this.region, previous });
  }

  /** Plans, gates, counts and answers one question. A question the planner cannot map calls nothing and is not counted. */
  async ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    const planned = this.plan(question, options.previous);
    if (planned.kind === 'reply') return { kind: 'reply', result: planned };
    const result = await this.askPlan(planned.plan, options);
    if (result.kind === 'answer' && planned.followUp) result.answer.summary = `Same question, ${planned.followUp}: ${result.answer.summary}`;
    return result;
  }

  async askPlan(plan: Plan, options: AskOptions = {}): Promise<AskResult> {
    if (plan.family === 'help') return { kind: 'answer', plan, answer: await this.answer(plan, options) };
    const state = this.identity;
    if (state?.kind !== 'ready') return { kind: 'sign-in-required', message: state?.kind === 'sign-in-required' ? state.resolution.message : 'Sign in first.' };
    if (isExpired(state.context, this.context.clock())) {
      this.identity = await this.identify(options.signal ? { signal: options.signal } : {}).catch(() => undefined);
      if (this.identity?.kind !== 'ready') return { kind: 'sign-in-required', message: signInExpiredMessage };
    }
    const tier = (this.identity as Extract<IdentityState, { kind: 'ready' }>).entitlements.assignment;
    const features: Feature[] = [isCostPlan(plan) ? 'costQuestions' : 'resourceQuestions'];
    const crossRegion = plan.family === 'resources' && isMultiRegion(plan.regions);
    if (crossRegion) features.push('crossRegion');
    for (const feature of features) {
      const gate = checkFeature(this.policy, tier, feature);
      if (!gate.allowed) return { kind: 'refused', refusal: gate.refusal };
    }
    let asked = plan;
    const warnings: string[] = [];
    if (crossRegion && options.crossRegionConsent === undefined) return { kind: 'needs-consent', plan };
    if (crossRegion && options.crossRegionConsent === false) {
      asked = withRegions(plan, [this.region]);
      warnings.push(`Cross-region questions are off, so only ${this.region} was asked (/regions turns them on).`);
    }
    const userId = limitKey((this.identity as Extract<IdentityState, { kind: 'ready' }>).context);
    const counted = await this.counted(userId, tier.tier, options.signal, (admitted) => this.answer(asked, options, otherRegions(this.policy, tier), admitted));
    if (counted.kind === 'refused') return counted;
    counted.result.warnings.push(...warnings);
    return { kind: 'answer', plan: asked, answer: counted.result };
  }

  /** Diagnoses a console error: both tiers, one request against the limits, like a question. */
  async diagnose(
    input: DiagnoseInput,
    options: { signal?: AbortSignal } = {},
  ): Promise<{ kind: 'answer'; answer: Answer; errorClass: string | null } | Extract<AskResult, { kind: 'refused' | 'sign-in-required' }>> {
    let state = this.identity;
    if (state?.kind === 'ready' && isExpired(state.context, this.context.clock())) state = await this.identify(options).catch(() => undefined);
    if (state?.kind !== 'ready') return { kind: 'sign-in-required', message: state?.kind === 'sign-in-required' ? state.resolution.message : 'Sign in first.' };
    const gate = checkFeature(this.policy, state.entitlements.assignment, 'diagnose');
    if (!gate.allowed) return { kind: 'refused', refusal: gate.refusal };
    const counted = await this.counted(limitKey(state.context), state.entitlements.assignment.tier, options.signal, (admitted) =>
      afterAdmission(admitted, () =>
        withReplyBudget(() => diagnoseError(input, { clients: this.clients, caller: this.caller, homeRegion: this.region, listCap: this.context.settings.listCap, ...options })),
      ),
    );
    return counted.kind === 'refused' ? counted : { kind: 'answer', ...counted.result };
  }

  /**
   * Counts one request against the limits and does it; a request cancelled through `signal` is
   * given back. The work is prepared while the count is made, its AWS requests held until the count
   * admits it (source/aws/admission.ts): refused, none is sent and its result is dropped.
   */
  private async counted<T>(
    userId: string,
    tier: TierName,
    signal: AbortSignal | undefined,
    work: (admitted: Promise<void>) => Promise<T>,
  ): Promise<{ kind: 'done'; result: T } | { kind: 'refused'; refusal: Refusal }> {
    const countedAt = this.limitClock();
    // Open as soon as the ledger admits the request: the bucket file's write and fsyncs overlap
    // the first requests, and the answer still waits for them (`counting`).
    let admit!: () => void;
    const admitted = new Promise<void>((resolve) => (admit = resolve));
    const counting = this.limiter.consume(userId, tier, () => admit());
    const decided = Promise.race([admitted, counting.then((counted) => {
      if (!counted.allowed) throw new NotAdmittedError();
    })]);
    // Heard by every held request; a question that made none must not leave it unhandled.
    decided.catch(() => undefined);
    const [done, counted] = await Promise.allSettled([work(decided), counting]);
    if (counted.status === 'rejected') throw counted.reason;
    if (!counted.value.allowed) return { kind: 'refused', refusal: counted.value.refusal };
    try {
      if (done.status === 'rejected') throw done.reason;
      return { kind: 'done', result: done.value };
    } finally {
      if (signal?.aborted) await this.limiter.refund(userId, tier, countedAt);
    }
  }

  /**
   * Runs a plan against AWS, ungated: the caller has checked it (and says what a default-region
   * answer may offer). With `admitted`, no request is sent and no progress told before it resolves.
   */
  answer(plan: Plan, options: AskOptions = {}, offer: OtherRegions = 'ask', admitted: Promise<void> = Promise.resolve()): Promise<Answer> {
    const deadline = new QuestionDeadline(this.context.settings.questionTimeout * 1000);
    const confirm = options.confirmDetails;
    const onProgress = options.onProgress && onceAdmitted(admitted, options.onProgress);
    return afterAdmission(admitted, () => withReplyBudget(() => executePlan(plan, {
      clients: this.clients,
      costs: this.costs,
      enabledRegions: this.enabledRegions,
      homeRegion: this.region,
      otherRegions: offer,
      settings: this.context.settings,
      now: this.context.clock(),
      deadline: deadline.signal,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(options.details ? { details: true } : {}),
      ...(confirm ? { confirmDetails: (request: DetailsRequest) => deadline.paused(() => confirm(request)) } : {}),
    })));
  }

  async close(): Promise<void> {
    // History index updates run in the background; closing waits for them.
    await Promise.all(this.stores.map((store) => store.flush()));
    await this.clients.destroy();
    await this.target.close();
  }
}

/** What a default-region answer offers of the other regions: to ask them, Pro, or nothing this tier allows. */
function otherRegions(policy: TierPolicy, tier: TierAssignment): OtherRegions {
  const gate = checkFeature(policy, tier, 'crossRegion');
  if (gate.allowed) return 'ask';
  return tier.tier === 'free' && policy.pro.features.crossRegion ? 'needs-pro' : 'turned-off';
}

/** Tells progress once `admitted` resolves (what came before, then as it comes), and none if it rejects: a refused question showed no progress. */
function onceAdmitted(admitted: Promise<void>, tell: (event: ProgressEvent) => void): (event: ProgressEvent) => void {
  let held: ProgressEvent[] | undefined = [];
  admitted.then(
    () => {
      const events = held ?? [];
      held = undefined;
      for (const event of events) tell(event);
    },
    () => (held = []),
  );
  return (event) => (held ? held.push(event) : tell(event));
}

/** Limits count per identity store user; an unidentified user's count under its AWS principal. */
function limitKey(context: IdentityContext): string {
  return context.userId || `principal:${context.principalArn}`;
}
