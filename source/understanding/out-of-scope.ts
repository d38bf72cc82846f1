// What qchat does not do, said plainly before anything is called: it only reads (no create, stop,
// delete, tag or buy), and it does not explain, detect anomalies, price or recommend. Each reply
// names the nearest question it can answer.
import { regionScopeLabel, type PlanResult } from './plan.js';
import { reply, type Reply } from './replies.js';
import { resourceTypeInfo } from './resource-catalog.js';

/** Polite openings before a verb: "please", "can you", "I want to", "how do I". */
const opening = /^(?:(?:please|pls|kindly|can you|could you|would you|will you|i want to|i wanna|i'd like to|i would like to|i need to|help me|let's|lets|go ahead and|how (?:do|can|should) i|how to|qchat,?)\s+)*/i;
/** Verbs that change an account. "stopped instances" and "snapshots" are not among them: only the verb opening a request. */
const changeVerb = /^(create|make|launch|spin up|provision|deploy|add|change|modify|update|edit|set up|configure|enable|disable|turn on|turn off|stop|start(?! of\b)|restart|reboot|shut down|shutdown|delete|remove|destroy|terminate|kill|clean up|cleanup|purge|resize|scale(?: up| down| out| in)?|upgrade|downgrade|tag(?! (?:keys?|values?)\b)|untag|retag|label|buy|purchase|reserve|subscribe to|cancel|attach|detach|move|migrate|rename|rotate|encrypt|copy|restore|release|allocate|associate|disassociate|grant|revoke|increase|decrease|lower|raise)\b\s*(.*)$/i;

/**
 * A request to change something: the verb, and what it was asked to act on ("my idle instances").
 * `nearest` plans the rest as a question, to offer what can be read instead.
 */
export function readOnlyReply(text: string, nearest: (question: string) => PlanResult): Reply | undefined {
  const body = text.replace(opening, '');
  const request = changeVerb.exec(body);
  if (!request) return undefined;
  const [, verb = '', rest = ''] = request;
  const suggestions = nearestReads(rest, nearest);
  const offer = suggestions.length > 0 ? ` I can show you what is there: ${suggestions.map((s) => `"${s}"`).join(' or ')}.` : ' I can list your resources and report your costs.';
  return reply('read-only', `qchat only reads your AWS account, so it cannot ${verb.toLowerCase()} anything.${offer}`, suggestions.length > 0 ? suggestions : ['list ec2 instances', 'what did I spend this month']);
}

/** "list ec2 instances", "list stopped ec2 instances" for "stop my ec2 instances". */
function nearestReads(rest: string, nearest: (question: string) => PlanResult): string[] {
  if (!rest.trim()) return [];
  const planned = nearest(`list ${rest}`);
  if (planned.kind !== 'plan' || planned.plan.family !== 'resources') return [];
  const info = resourceTypeInfo(planned.plan.resourceType);
  const synonyms = info?.synonyms ?? [];
  const noun = synonyms.find((synonym) => synonym.startsWith(info?.service.toLowerCase() ?? '-')) ?? synonyms[0] ?? planned.plan.resourceType;
  const where = planned.plan.regions === 'all' ? ' in all regions' : Array.isArray(planned.plan.regions) ? '' : ` ${regionScopeLabel(planned.plan.regions)}`;
  return [`list ${noun}${where}`, `how many ${noun}${where}`];
}

interface Limit {
  pattern: RegExp;
  message: string;
  suggestions: string[];
}

/** Questions about costs that Cost Explorer's figures alone cannot answer, and what qchat shows instead. */
const limits: Limit[] = [
  {
    pattern: /\bwhy\b.*\b(?:bill|cost|costs|spend|spending|charges?|invoice)\b|\b(?:bill|cost|costs|spend|spending|charges?)\b.*\bwhy\b|\bwhat (?:caused|drove|is driving)\b|\bwhy\b.*\b(?:go(?:ne|es)? (?:up|down)|went (?:up|down)|rose|rise|risen|increas\w*|jump\w*|grow|grew|grown|drop\w*|fell|fall\w*|doubl\w*|higher|lower)\b/i,
    message: "I can't tell why costs changed. I can show which services' cost grew most between two periods, and the trend over time.",
    suggestions: ['which services grew most this month vs last month', 'daily cost trend for the last 30 days'],
  },
  {
    pattern: /\banomal(?:y|ies|ous)\b|\bunusual (?:spend|costs?|charges?|spikes?)\b|\bspikes?\b/i,
    message: "I don't detect cost anomalies (AWS Cost Anomaly Detection does). I can show which services grew most and the daily trend.",
    suggestions: ['which services grew most this month vs last month', 'daily cost trend for the last 30 days'],
  },
  {
    pattern: /\b(?:per|by|each|for (?:each|every)) (?:team|project|department|owner|customer|cost cent(?:er|re)|application|app|environment|env)s?\b/i,
    message: "I can't split costs by team or project: that needs a cost allocation tag activated in Billing, which I don't read. I can break costs down by service or by region.",
    suggestions: ['cost by service this month', 'cost by region this month'],
  },
  {
    // Cost Explorer groups by these too (GetCostAndUsage GroupBy DIMENSION, botocore ce/2017-10-25); qchat asks only for SERVICE and REGION.
    pattern: /\b(?:costs?|spend|spent|spending|bill|charges?)\b.*\b(?:per|by|each|split by|broken down by) (?:linked |member )?(?:accounts?|usage[- ]types?|instance[- ]types?|api operations?|operations?|purchase options?|availability zones?|azs?)\b|\b(?:per|by) (?:linked |member )?(?:accounts?|usage[- ]types?)\b.*\b(?:costs?|spend|spent|bill)\b/i,
    message: "I break costs down by service or by region only: Cost Explorer's other groupings (linked account, usage type, instance type, operation, purchase option, availability zone) I don't ask for.",
    suggestions: ['cost by service this month', 'cost by region this month'],
  },
  {
    pattern: /\bsavings plans?\b|\breserved instances?\b|\bri (?:coverage|utili[sz]ation|recommendations?)\b|\bcommitments?\b/i,
    message: "I don't read Savings Plans or Reserved Instance coverage and recommendations. I can report spend by service, amortized if you ask.",
    suggestions: ['amortized cost by service last month', 'cost by service this month'],
  },
  {
    pattern: /\bright-?siz(?:e|ed|ing)\b|\brecommend(?:ation)?s?\b|\boptimi[sz](?:e|ed|ation|ing)\b|\b(?:reduce|cut|lower|save on) (?:my |our |the )?(?:bill|costs?|spend)\b|\bsave money\b|\b(?:wast(?:e|ed|ing)|idle|unused)\b.*\b(?:cost|costs|spend|money)\b/i,
    message: "I don't make rightsizing or savings recommendations. I can show where the money goes: the biggest services and what grew most.",
    suggestions: ['top 5 services by cost this month', 'which services grew most this month vs last month'],
  },
  {
    pattern: /\b(?:price|prices|pricing|per hour|hourly rate|an hour|per gb|per month for an?)\b|\bhow much (?:does|do|would|will) (?:an?|one|the) [\w.-]+ (?:cost|be)\b/i,
    message: "I don't look up AWS prices (the AWS Price List API and the pricing calculator do). I report what your account spent.",
    suggestions: ['what did I spend on EC2 this month', 'cost by service last month'],
  },
];

/** An analytical question qchat cannot answer honestly, with what it can show instead. */
export function analysisReply(text: string): Reply | undefined {
  const limit = limits.find((entry) => entry.pattern.test(text));
  return limit ? reply('unsupported', limit.message, limit.suggestions) : undefined;
}
