/**
 * Just enough IAM policy reading to say which statement allows or denies an action on a
 * resource. Conditions are not evaluated: a conditional statement is reported as such.
 */
export interface Statement {
  sid: string | undefined;
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** '*' for everyone, else the principal ARNs, account IDs and service names it names. */
  principals: '*' | string[];
  conditional: boolean;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');

/** The statements of a policy document given as an object, JSON text or URL-encoded JSON (as IAM returns it). */
export function statementsOf(document: unknown): Statement[] {
  const parsed = typeof document === 'string' ? parseDocument(document) : document;
  if (typeof parsed !== 'object' || parsed === null) return [];
  const raw = (parsed as { Statement?: unknown }).Statement;
  return (Array.isArray(raw) ? raw : [raw]).flatMap((item): Statement[] => {
    if (typeof item !== 'object' || item === null) return [];
    const s = item as Record<string, unknown>;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return [];
    return [
      {
        sid: typeof s.Sid === 'string' && s.Sid ? s.Sid : undefined,
        effect: s.Effect,
        actions: list(s.Action),
        notActions: list(s.NotAction),
        resources: list(s.Resource),
        notResources: list(s.NotResource),
        principals: principalsOf(s.Principal),
        conditional: typeof s.Condition === 'object' && s.Condition !== null && Object.keys(s.Condition).length > 0,
      },
    ];
  });
}

function parseDocument(text: string): unknown {
  for (const candidate of [text, safeDecode(text)]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function principalsOf(principal: unknown): '*' | string[] {
  if (principal === '*') return '*';
  if (typeof principal !== 'object' || principal === null) return [];
  const values = Object.values(principal).flatMap(list);
  return values.includes('*') ? '*' : values;
}

/** Does the statement cover the action (and the resource, when one is known)? */
export function covers(statement: Statement, action: string, resource?: string): boolean {
  const actionMatches = statement.actions.length > 0 ? statement.actions.some((p) => wildcard(p, action, true)) : statement.notActions.length > 0 && !statement.notActions.some((p) => wildcard(p, action, true));
  if (!actionMatches || resource === undefined) return actionMatches;
  if (statement.resources.length > 0) return statement.resources.some((p) => wildcard(p, resource, false));
  // Resource policies may leave Resource out; NotResource excludes.
  return !statement.notResources.some((p) => wildcard(p, resource, false));
}

/** Does a resource policy statement name one of these principals (an ARN, its account, or everyone)? */
export function namesPrincipal(statement: Statement, principalArns: string[], accountId: string | undefined): boolean {
  if (statement.principals === '*') return true;
  return statement.principals.some((p) => principalArns.includes(p) || (accountId !== undefined && (p === accountId || p.endsWith(`:${accountId}:root`))));
}

/** "allows s3:GetObject, s3:GetObjectVersion on arn:aws:s3:::reports/*" */
export function describeStatement(statement: Statement): string {
  const verb = statement.effect === 'Allow' ? 'allows' : 'denies';
  const actions = statement.actions.length > 0 ? shortList(statement.actions) : `everything except ${shortList(statement.notActions)}`;
  const resources = statement.resources.length > 0 ? shortList(statement.resources) : statement.notResources.length > 0 ? `everything except ${shortList(statement.notResources)}` : 'the resource';
  return `${verb} ${actions} on ${resources}${statement.conditional ? ' (with conditions)' : ''}`;
}

export function shortList(items: string[], shown = 5): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}
