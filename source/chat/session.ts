import type { Answer } from '../answer/answer.js';
import { executePlan } from '../answer/execute.js';
import type { ProgressEvent } from '../answer/execution-context.js';
import type { Plan, PlanResult } from '../answer/plan.js';
import { planQuestion } from '../answer/planner.js';
import { AwsClients } from '../aws/clients.js';
import { CostCache } from '../aws/cost-cache.js';
import { CostExplorer } from '../aws/cost-explorer.js';
import { EnabledRegionsCache } from '../aws/enabled-regions.js';
import { resolveAwsTarget, type ResolvedTarget } from '../aws/target.js';
import type { RunContext } from '../cli/run-context.js';
import { getCallerIdentity, type CallerIdentity } from '../identity/caller-identity.js';
import { join } from 'node:path';
import { findSlashCommand, slashCommands, type SlashCommand } from './commands.js';

export type ChatReply =
  | { kind: 'help'; commands: SlashCommand[]; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'answer'; plan: Plan; answer: Answer }
  | { kind: 'quit' };

export interface AskOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export type AskResult = { kind: 'reply'; result: Extract<PlanResult, { kind: 'reply' }> } | { kind: 'answer'; plan: Plan; answer: Answer };

export interface SessionOptions {
  /** Skip the Cost Explorer cache (`--no-cache`). */
  noCache?: boolean;
}

/**
 * The conversation engine both front ends drive: it owns the AWS target and the caller, and turns
 * each submitted line into a reply. No React or Ink here.
 */
export class ChatSession {
  private readonly costs: CostExplorer;
  private readonly enabledRegions: EnabledRegionsCache;

  private constructor(
    readonly context: RunContext,
    readonly target: ResolvedTarget,
    readonly clients: AwsClients,
    readonly caller: CallerIdentity,
    options: SessionOptions,
  ) {
    const ttlMs = context.settings.costCacheTtl * 1000;
    const cache = options.noCache || ttlMs === 0 ? undefined : new CostCache(join(context.paths.cache, 'cost-explorer'), ttlMs, context.clock);
    this.costs = new CostExplorer(clients, cache, `${caller.accountId}@${target.target.endpoint ?? 'aws'}`);
    this.enabledRegions = new EnabledRegionsCache(clients);
  }

  static async open(context: RunContext, options: SessionOptions = {}): Promise<ChatSession> {
    const target = await resolveAwsTarget(context.settings, context.clock, context.env);
    const clients = new AwsClients(target.target);
    try {
      const caller = await getCallerIdentity(clients);
      return new ChatSession(context, target, clients, caller, options);
    } catch (error) {
      await clients.destroy();
      await target.sandbox?.close();
      throw error;
    }
  }

  get region(): string {
    return this.target.target.region;
  }

  plan(question: string): PlanResult {
    return planQuestion(question, { now: this.context.clock(), region: this.region });
  }

  /** Plans and answers one question; a question the planner cannot map calls nothing. */
  async ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    const planned = this.plan(question);
    if (planned.kind === 'reply') return { kind: 'reply', result: planned };
    return { kind: 'answer', plan: planned.plan, answer: await this.answer(planned.plan, options) };
  }

  /** Runs a plan against AWS. */
  answer(plan: Plan, options: AskOptions = {}): Promise<Answer> {
    return executePlan(plan, {
      clients: this.clients,
      costs: this.costs,
      enabledRegions: this.enabledRegions,
      homeRegion: this.region,
      settings: this.context.settings,
      now: this.context.clock(),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }

  async submit(text: string, options: AskOptions = {}): Promise<ChatReply> {
    const line = text.trim();
    if (!line) return { kind: 'text', text: '' };
    if (line.startsWith('/')) {
      const command = findSlashCommand(line);
      if (!command) return { kind: 'error', text: `Unknown command ${line.split(/\s+/)[0]}. Type /help for the list.` };
      if (command.name === '/quit') return { kind: 'quit' };
      return { kind: 'help', commands: slashCommands, text: helpText };
    }
    const result = await this.ask(line, options);
    if (result.kind === 'reply') {
      const suggestions = result.result.suggestions.length > 0 ? `\nTry: ${result.result.suggestions.map((s) => `"${s}"`).join(', ')}` : '';
      return { kind: 'text', text: `${result.result.message}${suggestions}` };
    }
    return result;
  }

  async close(): Promise<void> {
    await this.clients.destroy();
    await this.target.sandbox?.close();
  }
}

const helpText = 'Ask about your AWS resources and costs in plain English, e.g. "how many lambda functions do I have in all regions" or "what did I spend on EC2 last month". Commands:';
