import type { AwsClients } from '../aws/clients.js';
import type { CallerIdentity } from '../identity/caller-identity.js';
import type { Answer, ApiCall, RegionFailure } from '../answer/answer.js';
import { malformedArns } from './arn.js';
import { consoleErrorCatalog, matchConsoleError, type CatalogEntry, type ConsoleErrorCatalog } from './catalog.js';
import { parseConsoleUrl } from './console-url.js';
import { deriveFacts } from './derive.js';
import { cleanErrorText, readErrorText } from './error-text.js';
import { Facts, type FactSource } from './facts.js';
import { principalFacts } from './identifiers.js';
import { Inquiry } from './interrogate.js';
import { probes } from './probes/index.js';
import { renderSteps, renderSummary, renderText } from './templates.js';

export interface DiagnoseInput {
  /** The error message as the console (or the CLI) showed it. */
  error: string;
  /** The console page where it happened. */
  url?: string | undefined;
}

export interface DiagnoseDeps {
  clients: AwsClients;
  caller: Pick<CallerIdentity, 'arn' | 'accountId'>;
  homeRegion: string;
  listCap: number;
  signal?: AbortSignal;
}

export interface Diagnosis {
  /** The catalog entry's id, or null when the error is not recognised. */
  errorClass: string | null;
  answer: Answer;
}

/** What the error, the URL and the session say, before the account is asked. */
export interface DiagnosisContext {
  facts: Facts;
  entry: CatalogEntry | undefined;
  warnings: string[];
}

/** What asking the account added. */
export interface Interrogation {
  findings: string[];
  calls: ApiCall[];
  failures: RegionFailure[];
  warnings: string[];
}

const nothingAsked: Interrogation = { findings: [], calls: [], failures: [], warnings: [] };

/**
 * Diagnoses a console error: reads the error text, the console URL and the caller, recognises the
 * error class from the catalog, asks the account (Cloud Control) what the context does not say,
 * and answers with the root cause and ordered steps. An unrecognised error is said to be so.
 */
export async function diagnoseError(input: DiagnoseInput, deps: DiagnoseDeps): Promise<Diagnosis> {
  const context = readContext(input, deps.caller);
  if (!context.entry) return { errorClass: null, answer: notRecognised(context) };
  const inquiry = new Inquiry(context.facts, deps);
  for (const name of context.entry.interrogate) {
    await probes[name](inquiry);
    deriveFacts(context.facts);
  }
  return { errorClass: context.entry.id, answer: composeAnswer({ ...context, entry: context.entry }, inquiry) };
}

/** Facts in order of trust: what the error says, then the URL, then the session's identity. */
export function readContext(input: DiagnoseInput, caller: DiagnoseDeps['caller']): DiagnosisContext {
  const { text, warnings } = cleanErrorText(input.error);
  if (!text) warnings.push('The error text is empty.');
  const url = input.url ? parseConsoleUrl(input.url) : { values: {} };
  if (url.warning) warnings.push(url.warning);
  const facts = new Facts();
  const matched = matchConsoleError(text);
  if (matched) facts.offerAll(matched.captures, 'error text');
  facts.offerAll(readErrorText(text), 'error text');
  facts.offerAll(url.values, 'console URL');
  // Without a principal in the error, the person asking is taken to be the one who got it.
  if (!facts.has('principalArn')) facts.offerAll(principalFacts(caller.arn), 'your session');
  facts.offer('account', caller.accountId, 'your session');
  deriveFacts(facts);
  return { facts, entry: matched?.entry, warnings };
}

/** The answer for a recognised error; every step's ARNs are checked last. */
export function composeAnswer(context: DiagnosisContext & { entry: CatalogEntry }, asked: Interrogation = nothingAsked): Answer {
  const catalog = consoleErrorCatalog();
  const { facts, entry } = context;
  const warnings = [...context.warnings, ...asked.warnings];
  const steps = renderSteps(entry.steps, facts, catalog.values).map((step) => {
    if (malformedArns(step).length === 0) return step;
    warnings.push('An ARN in one step would have been malformed, so that step says where to copy it from instead.');
    return 'Copy the ARN this step needs from the resource\'s page in the console: qchat could not build a well-formed one from what it was given.';
  });
  const analysis = renderText(entry.analysis, facts, catalog.values).text;
  const findings = asked.findings.length > 0 ? `\n\nWhat the account shows:\n${asked.findings.map((finding) => `- ${finding}`).join('\n')}` : '';
  return {
    outcome: asked.failures.length > 0 ? 'partial' : 'answered',
    summary: `${renderSummary(entry.summary, facts, catalog.values)}.`,
    analysis: `${analysis}${findings}`,
    steps,
    table: factTable(facts, catalog, ['error text', 'console URL', 'your session', 'account', 'built']),
    calls: asked.calls,
    failures: asked.failures,
    warnings,
  };
}

function notRecognised(context: DiagnosisContext): Answer {
  const catalog = consoleErrorCatalog();
  const code = context.facts.get('errorCode');
  const table = factTable(context.facts, catalog, ['error text', 'console URL']);
  return {
    outcome: 'answered',
    summary: `Not recognised: this error is not in qchat's catalog of console errors${code ? ` (${code})` : ''}.`,
    analysis: `qchat does not know this error, so it gives no diagnosis rather than a guess.${
      table.rows.length > 0 ? ' The table shows what it could read from the error and the URL.' : ' It could not read any AWS resource, action or error code from it.'
    }${code ? ` Searching the AWS documentation for ${code} is a good next step.` : ''}`,
    steps: [],
    table,
    calls: [],
    failures: [],
    warnings: context.warnings,
  };
}

/** Longest value shown in the table; the encoded authorization message can be kilobytes. */
const cellLimit = 160;

function factTable(facts: Facts, catalog: ConsoleErrorCatalog, sources: FactSource[]) {
  const rows = Object.entries(catalog.values).flatMap(([name, definition]) => {
    const fact = facts.fact(name);
    if (!fact || definition.internal || !sources.includes(fact.from)) return [];
    const value = fact.value.length > cellLimit ? `${fact.value.slice(0, cellLimit - 1)}…` : fact.value;
    return [[definition.what, value, fact.from]];
  });
  // Where a value came from is the least telling column: a narrow terminal leaves it out before it cuts a value (an ARN).
  return { columns: ['Read', 'Value', 'From'], rows, optional: ['From'] };
}
