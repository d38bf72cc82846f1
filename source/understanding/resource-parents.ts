// Finds the parent some types need before Cloud Control can list them ("node groups in cluster
// prod" gives the ResourceModel { ClusterName: 'prod' }), and the value a question gives a
// parent-like property ("services in the payments cluster"), or says which parent is missing.
import { findResourceType, questionWords, resourceTypeInfo, spellings, wordsOf, type ResourceTypeEntry } from './resource-catalog.js';
import { escapeRegExp } from './replies.js';

export type ParentResolution =
  /** The type is listed account-wide. */
  | { kind: 'none' }
  | { kind: 'resolved'; resourceModel: Record<string, string> }
  /** `message` asks for the parent; `examples` are phrasings that name it or find its names. */
  | { kind: 'missing'; resourceModel: Record<string, string>; missing: string[]; message: string; examples: string[] };

const valuePattern = String.raw`[\w./][\w.:/@+#-]*`;
const notAValue = new Set([...questionWords, 'aws', 'one', 'ones', 'both', 'id', 'arn', 'name']);

/** "LoadBalancerArn" → "load balancer arn". */
function spaced(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** How a question can name a parent property: "cluster", "eks cluster", "ClusterName". */
function parentPhrases(property: string, parentType: string | undefined): string[] {
  const stripped = property.replace(/(Name|Id|ID|Arn|ARN|Identifier)$/, '') || property;
  const synonyms = parentType ? (resourceTypeInfo(parentType)?.synonyms ?? []) : [];
  const phrases = [property.toLowerCase(), spaced(property), spaced(stripped), ...synonyms];
  const spelled = phrases.flatMap((p) => {
    const words = wordsOf(p);
    const last = words.pop() ?? '';
    return spellings(last).map((s) => [...words, s].join(' '));
  });
  return [...new Set(spelled)].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
}

function findParentValue(question: string, phrases: string[], reserved: Set<string>): string | undefined {
  const alternatives = phrases.map((p) => p.split(' ').map(escapeRegExp).join('\\s+')).join('|');
  const after = new RegExp(String.raw`\b(?:${alternatives})s?\b\s*(?:named|called|is|=|:)?\s*["'\x60]?(${valuePattern})`, 'gi');
  const before = new RegExp(String.raw`(?:^|[\s"'\x60])(${valuePattern})["'\x60]?\s+(?:${alternatives})s?\b`, 'gi');
  const usable = (value: string | undefined): value is string => value !== undefined && !notAValue.has(value.toLowerCase()) && !reserved.has(value.toLowerCase());
  for (const pattern of [after, before]) {
    for (const m of question.matchAll(pattern)) if (usable(m[1])) return m[1];
  }
  return undefined;
}

/**
 * Builds the ResourceModel a list call needs from the parent the question names
 * ("node groups in cluster prod", "nodegroups of the prod cluster", "for cluster prod"),
 * or says which parent is missing and how to name it.
 */
export function resolveParent(type: string, question: string): ParentResolution {
  const entry = resourceTypeInfo(type);
  const parents = entry?.listParents ?? [];
  if (!entry || parents.length === 0) return { kind: 'none' };
  const resourceModel: Record<string, string> = {};
  const missing: string[] = [];
  const reserved = new Set([...(entry.synonyms ?? []).flatMap(wordsOf), entry.service.toLowerCase()]);
  for (const property of parents) {
    const phrases = parentPhrases(property, entry.parentTypes?.[property]);
    const value = findParentValue(question, phrases, new Set([...reserved, ...phrases.flatMap(wordsOf)]));
    if (value) resourceModel[property] = value;
    else missing.push(property);
  }
  if (missing.length === 0) return { kind: 'resolved', resourceModel };
  return { kind: 'missing', resourceModel, missing, ...askForParents(entry, missing) };
}

function askForParents(entry: ResourceTypeEntry, missing: string[]): { message: string; examples: string[] } {
  const nouns = missing.map((property) => {
    const parentType = entry.parentTypes?.[property];
    return spaced(parentType ? (resourceTypeInfo(parentType)?.name ?? property) : property);
  });
  const named = missing.map((property, i) => `${nouns[i]} (${property})`).join(' and ');
  const noun = nouns[0] ?? 'parent';
  const resourcePhrase = entry.synonyms?.[0] ?? entry.type;
  const examples = [`${resourcePhrase} in ${noun} <name>`];
  const parentType = entry.parentTypes?.[missing[0] ?? ''];
  const parentPhrase = parentType ? resourceTypeInfo(parentType)?.synonyms?.find((s) => findResourceType(s).kind === 'match') : undefined;
  if (parentPhrase) examples.push(`list ${parentPhrase}`);
  return { message: `Which ${named}? ${entry.type} is listed per ${noun}; name it, e.g. "${examples[0]}".`, examples };
}
