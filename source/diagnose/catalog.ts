import { z } from 'zod';
import { shippedConfigPath } from '../config/package-root.js';
import { loadShippedJson } from '../storage/shipped-json.js';
import { probeNames } from './probes/index.js';
import { placeholdersOf, type StepTemplate, type ValueDefinitions } from './templates.js';

const names = z.array(z.string()).default([]);

const stepSchema = z.strictObject({
  text: z.string().min(1),
  command: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((command) => (command === undefined ? [] : [command].flat())),
  when: names,
  unless: names,
});

const entrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  service: z.enum(['s3', 'iam', 'ec2', 'vpc', 'lambda', 'rds', 'dynamodb', 'kms']),
  /** The error class in a few words, e.g. "S3 bucket not empty". */
  title: z.string().min(1),
  /** One line naming the resource; `[…]` parts only when their values are known. */
  summary: z.string().min(1),
  /** Regular expressions (case-insensitive); named groups capture values. The first entry with a match wins. */
  match: z.array(z.string().min(1)).min(1),
  interrogate: z.array(z.enum(probeNames)).default([]),
  analysis: z.string().min(1),
  steps: z.array(stepSchema).min(1),
});

const catalogSchema = z.strictObject({
  values: z.record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    z.strictObject({ what: z.string().min(1), bare: z.boolean().default(false), noun: z.string().min(1), find: z.string().min(1).optional(), internal: z.boolean().default(false) }),
  ),
  errors: z.array(entrySchema).min(1),
});

export type CatalogEntry = z.infer<typeof entrySchema> & { steps: StepTemplate[]; patterns: RegExp[] };

export interface ConsoleErrorCatalog {
  values: ValueDefinitions;
  errors: CatalogEntry[];
}

/**
 * Parses and checks a catalog: every pattern compiles, every value a template, condition or
 * named group uses is defined, and every value a step names says how to find it. A mistake in a
 * record is an error naming the record, not a placeholder shown to a user.
 */
export function parseConsoleErrorCatalog(json: unknown, source: string): ConsoleErrorCatalog {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${source}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const { values, errors } = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries = errors.map((entry): CatalogEntry => {
    const problem = (message: string) => problems.push(`${entry.id}: ${message}`);
    if (seen.has(entry.id)) problem('duplicate id');
    seen.add(entry.id);
    const patterns = entry.match.flatMap((source) => {
      try {
        const pattern = new RegExp(source, 'i');
        for (const group of source.matchAll(/\(\?<([a-zA-Z]\w*)>/g)) if (!values[group[1]!]) problem(`pattern captures unknown value ${group[1]}`);
        return [pattern];
      } catch (error) {
        problem(`pattern ${JSON.stringify(source)} does not compile (${(error as Error).message})`);
        return [];
      }
    });
    const used = [entry.summary, entry.analysis, ...entry.steps.flatMap((step) => [step.text, ...step.command])].flatMap(placeholdersOf);
    const conditions = entry.steps.flatMap((step) => [...step.when, ...step.unless]);
    for (const name of new Set([...used, ...conditions])) if (!values[name]) problem(`unknown value ${name}`);
    for (const step of entry.steps) {
      for (const name of placeholdersOf(step.text)) {
        if (values[name] && !values[name].find && !step.when.includes(name)) problem(`step names ${name}, which has no "find" and is not in its "when"`);
      }
    }
    return { ...entry, patterns };
  });
  if (problems.length > 0) throw new Error(`${source}: ${problems.join('; ')}`);
  return { values, errors: entries };
}

let cached: ConsoleErrorCatalog | undefined;

/** The shipped catalog (config/console-errors.json), read once. */
export function consoleErrorCatalog(): ConsoleErrorCatalog {
  // Read through the shipped-file loader; the catalog checks its own entries (and their patterns).
  cached ??= parseConsoleErrorCatalog(loadShippedJson('console-errors.json', z.unknown()), shippedConfigPath('console-errors.json'));
  return cached;
}

/** The first catalog entry matching the error text, with the values its pattern captured. */
export function matchConsoleError(text: string, catalog = consoleErrorCatalog()): { entry: CatalogEntry; captures: Record<string, string> } | undefined {
  for (const entry of catalog.errors) {
    for (const pattern of entry.patterns) {
      const match = pattern.exec(text);
      if (!match) continue;
      const captures = Object.fromEntries(Object.entries(match.groups ?? {}).filter((pair): pair is [string, string] => pair[1] !== undefined));
      return { entry, captures };
    }
  }
  return undefined;
}
