import { z } from 'zod';
import { loadShippedJson } from '../storage/shipped-json.js';
import type { CostService } from './plan.js';
import { withinOneEdit } from './typos.js';

const fileSchema = z.object({ services: z.array(z.object({ names: z.array(z.string().min(1)), values: z.array(z.string().min(1)) })) });

interface ServiceName {
  name: string;
  values: string[];
  pattern: RegExp;
}

export interface CostServiceMention {
  /** The words the question used ("EC2", "lamda"). */
  name: string;
  /** Candidate Cost Explorer SERVICE values; execution confirms them with GetDimensionValues. */
  values: string[];
  span: [number, number];
}

/** The services a question names, as one filter ("EC2 and S3"), or null when it names none. */
export function costServiceOf(mentions: CostServiceMention[]): CostService | null {
  if (mentions.length === 0) return null;
  return { name: mentions.map((mention) => mention.name).join(' and '), values: mentions.flatMap((mention) => mention.values) };
}

let services: ServiceName[] | undefined;

function load(): ServiceName[] {
  const file = loadShippedJson('cost-services.json', fileSchema);
  return file.services
    .flatMap((service) => service.names.map((name) => ({ name, values: service.values })))
    .sort((a, b) => b.name.length - a.name.length)
    .map((entry) => ({ ...entry, pattern: new RegExp(`(?<![\\w-])${escapeRegExp(entry.name).replace(/\s+/g, '[\\s-]*')}(?![\\w-])`, 'i') }));
}

/** Names long enough that one slip ("lamda", "cloudwach") still means them. */
const minimumFuzzyLength = 5;

/**
 * The Cost Explorer SERVICE values a question names ("what did I spend on EC2", "ec2 and s3"), in
 * the order it names them: names written out (longest first, so "ec2 other" beats "ec2"), then
 * one-word names misspelt by one edit.
 */
export function findCostServices(question: string): CostServiceMention[] {
  services ??= load();
  const found: CostServiceMention[] = [];
  let text = question;
  const note = (name: string, values: string[], index: number) => {
    if (!found.some((mention) => mention.values.join() === values.join())) found.push({ name, values, span: [index, index + name.length] });
    text = text.slice(0, index) + ' '.repeat(name.length) + text.slice(index + name.length);
  };
  for (const service of services) {
    for (let match = service.pattern.exec(text); match; match = service.pattern.exec(text)) note(match[0], service.values, match.index);
  }
  for (const word of text.matchAll(/(?<![\w-])[a-z][a-z0-9]{4,}(?![\w-])/gi)) {
    const lower = word[0].toLowerCase();
    const service = services.find((s) => s.name.length >= minimumFuzzyLength && !s.name.includes(' ') && withinOneEdit(lower, s.name));
    if (service) note(word[0], service.values, word.index);
  }
  return found.sort((a, b) => a.span[0] - b.span[0]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
