import type { Facts } from './facts.js';

/** How a named value reads in a sentence, and how to find it when the diagnosis does not know it. */
export interface ValueDefinition {
  /** The table's name for it, and the word before it in a sentence ("bucket my-bucket"), unless bare. */
  what: string;
  /** Written without `what` in front (ARNs, actions, regions). */
  bare: boolean;
  /** What a sentence says instead when the value is unknown ("the bucket"). */
  noun: string;
  /** How the user finds it; required for values a step names. */
  find?: string | undefined;
  /** Used by commands only; not shown in the table. */
  internal: boolean;
}

export interface StepTemplate {
  text: string;
  /** Alternatives; the first whose values are all known is shown. */
  command: string[];
  /** Shown only when every one of these values is known… */
  when: string[];
  /** …and none of these. */
  unless: string[];
}

export type ValueDefinitions = Record<string, ValueDefinition>;

const placeholder = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;
const optionalPart = /\[([^[\]]*)\]/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1]!);
}

/** Fills a sentence: known values with their word ("bucket my-bucket"), unknown ones with their noun ("the bucket"). */
export function renderText(template: string, facts: Facts, values: ValueDefinitions): { text: string; missing: string[] } {
  const missing: string[] = [];
  let startsWithWord = false;
  const text = template.replace(placeholder, (_, name: string, offset: number) => {
    const value = facts.get(name);
    const definition = values[name]!;
    if (value === undefined) missing.push(name);
    // A sentence may begin with "the bucket" or "bucket x", never with a raw value such as an ARN.
    if (offset === 0) startsWithWord = value === undefined || !definition.bare;
    if (value === undefined) return definition.noun;
    return definition.bare ? value : `${definition.what} ${value}`;
  });
  return { text: startsWithWord ? text.charAt(0).toUpperCase() + text.slice(1) : text, missing };
}

/** A one-line summary: `[…]` parts appear only when every value in them is known. */
export function renderSummary(template: string, facts: Facts, values: ValueDefinitions): string {
  const kept = template.replace(optionalPart, (_, part: string) => (placeholdersOf(part).every((name) => facts.has(name)) ? part : ''));
  return renderText(kept, facts, values).text;
}

/** The first command whose values are all known, with the raw values filled in. */
function renderCommand(commands: string[], facts: Facts): string | undefined {
  const command = commands.find((candidate) => placeholdersOf(candidate).every((name) => facts.has(name)));
  return command?.replace(placeholder, (_, name: string) => facts.get(name)!);
}

/**
 * The ordered steps for what is known. A step naming an unknown value is kept, reading "the
 * bucket", and preceded (once) by a step that says how to find that value; a placeholder never
 * reaches the user.
 */
export function renderSteps(steps: StepTemplate[], facts: Facts, values: ValueDefinitions): string[] {
  const lines: string[] = [];
  const told = new Set<string>();
  for (const step of steps) {
    if (!step.when.every((name) => facts.has(name)) || step.unless.some((name) => facts.has(name))) continue;
    const { text, missing } = renderText(step.text, facts, values);
    for (const name of missing) {
      const { noun, find } = values[name]!;
      if (!find || told.has(find)) continue;
      told.add(find);
      lines.push(`Find ${noun}: ${find}`);
    }
    const command = renderCommand(step.command, facts);
    lines.push(command ? `${text} Run: ${command}` : text);
  }
  return lines;
}
