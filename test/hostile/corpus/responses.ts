import type { HostileAction, HostileRule, ProxiedRequest, UpstreamReply } from '../helpers/hostile-proxy.js';

/**
 * Replies an endpoint should never send, put between qchat and the sandbox by a proxy. A question
 * must end as an answer (0), a partial answer (0, failed regions named) or a failed one (6), with
 * a readable reason and no stack trace; identity calls that get such replies end the command (1).
 */
export interface ResponseCase {
  name: string;
  /** The command after `qchat`; --endpoint-url and --sandbox-user are added. */
  command: string[];
  /** A fresh rule for each run (rules may remember the first page). */
  rule: () => HostileRule;
  codes: number[];
  /** What the output (stdout and stderr) must say. */
  says?: RegExp;
  /** Extra environment for the run. */
  env?: Record<string, string>;
  /** Longest the run may take (ms). */
  within?: number;
}

const listLambdas = ['ask', 'list lambda functions in us-east-1'];
const costTrend = ['ask', 'monthly cost trend for the last 3 months'];
const costByService = ['ask', 'cost by service last month'];
const ListResources = 'CloudApiService.ListResources';
const GetCostAndUsage = 'AWSInsightsIndexService.GetCostAndUsage';

type Json = Record<string, unknown>;
const passThrough = (reply: UpstreamReply): HostileAction => ({ kind: 'reply', status: reply.status, headers: reply.headers, body: reply.body });

/**
 * The sandbox's throttling replies (its rate limit answering ThrottlingException or
 * LimitExceededException on a loaded machine) pass as they are, so the SDK retries and the hostile
 * reply meets a real answer. Rewritten into a 200, a throttle read as an empty listing; an edit
 * expecting the operation's fields threw inside the proxy and hung the request. Other errors are
 * the sandbox's answer to the hostile reply itself (a page token it never gave) and are rewritten.
 */
const throttled = (reply: UpstreamReply) => reply.status >= 400 && /ThrottlingException|LimitExceededException|TooManyRequests/.test(reply.body);

/** The sandbox's reply with its JSON changed. */
const editJson = (operation: string, edit: (json: Json, request: ProxiedRequest) => void) => (): HostileRule => ({
  operations: [operation],
  rewrite: (reply, request) => {
    if (throttled(reply) || typeof reply.json !== 'object' || reply.json === null) return passThrough(reply);
    const json = structuredClone(reply.json) as Json;
    edit(json, request);
    return { kind: 'reply', status: reply.status, headers: reply.headers, body: JSON.stringify(json) };
  },
});

/**
 * Every resource description of a ListResources page changed. A reply without descriptions (the
 * sandbox's rate limit answering ThrottlingException under a loaded machine) passes as it is.
 */
const eachResource = (edit: (description: Json) => void) =>
  editJson(ListResources, (json) => {
    if (Array.isArray(json.ResourceDescriptions)) (json.ResourceDescriptions as Json[]).forEach(edit);
  });

/** The same reply for every call of the operation. */
const always = (operation: string, action: (reply: UpstreamReply) => HostileAction) => (): HostileRule => ({
  operations: [operation],
  rewrite: (reply) => {
    const hostile = action(reply);
    // A success made of the sandbox's body needs a body worth having; an error or a hang stands for itself.
    return throttled(reply) && hostile.kind === 'reply' && (hostile.status ?? 200) < 300 ? passThrough(reply) : hostile;
  },
});

const html = (status: number, size = 200) => (): HostileAction => ({
  kind: 'reply',
  status,
  headers: { 'content-type': 'text/html' },
  body: `<html><head><title>${status}</title></head><body>${'<p>Bad gateway</p>'.repeat(Math.ceil(size / 18))}</body></html>`,
});

/** The first page again and again, with the same NextToken: a server paging in a loop. */
const pagingLoop = (operation: string, tokenField: string, emptyPages = false) => (): HostileRule => {
  let first: Json | undefined;
  return {
    operations: [operation],
    rewrite: (reply) => {
      if (throttled(reply)) return passThrough(reply);
      first ??= structuredClone(reply.json) as Json;
      const page = emptyPages ? { [tokenField === 'NextToken' ? 'ResourceDescriptions' : 'ResultsByTime']: [] } : first;
      return { kind: 'reply', status: 200, headers: reply.headers, body: JSON.stringify({ ...page, [tokenField]: 'the-same-token' }) };
    },
  };
};

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const unreadable = /sent a reply qchat cannot use/;
const withoutProperties = /came without readable properties; shown by identifier only/;

export const responseCases: ResponseCase[] = [
  // ---- Cloud Control Properties
  { name: 'Properties that are not JSON', command: listLambdas, rule: eachResource((d) => (d.Properties = '{"Runtime": nodejs')), codes: [0], says: withoutProperties },
  { name: 'Properties that are a JSON array', command: listLambdas, rule: eachResource((d) => (d.Properties = '[1, 2, 3]')), codes: [0], says: withoutProperties },
  { name: 'Properties that are JSON null', command: listLambdas, rule: eachResource((d) => (d.Properties = 'null')), codes: [0], says: withoutProperties },
  { name: 'Properties that are null', command: listLambdas, rule: eachResource((d) => (d.Properties = null)), codes: [0], says: withoutProperties },
  { name: 'Properties that are a number', command: listLambdas, rule: eachResource((d) => (d.Properties = 42)), codes: [0], says: withoutProperties },
  { name: 'Properties that are an object, not a string', command: listLambdas, rule: eachResource((d) => (d.Properties = { Runtime: 'nodejs20.x' })), codes: [0], says: withoutProperties },
  { name: 'Properties nested 20,000 deep', command: listLambdas, rule: eachResource((d) => (d.Properties = `{"Runtime": ${deep(20_000)}}`)), codes: [0], says: withoutProperties },
  { name: 'tags nested 20,000 deep', command: ['ask', 'list lambda functions tagged env=prod in us-east-1'], rule: eachResource((d) => (d.Properties = `{"Tags": [{"Key": "env", "Value": ${deep(20_000)}}]}`)), codes: [0], says: withoutProperties },
  { name: 'a 10 MB property', command: listLambdas, rule: eachResource((d) => (d.Properties = JSON.stringify({ Runtime: 'nodejs20.x', Description: 'x'.repeat(10_000_000 / 20) }))), codes: [0], says: /Found \d+ Lambda functions/ },
  { name: 'a 10 MB page of 20,000 resources', command: listLambdas, rule: editJson(ListResources, (json) => (json.ResourceDescriptions = Array.from({ length: 20_000 }, (_, i) => ({ Identifier: `fn-${i}`, Properties: JSON.stringify({ Runtime: 'nodejs20.x', Description: 'd'.repeat(450) }) })))), codes: [0], says: /Stopped reading at the cap of 1000 resources per region/ },

  // ---- bodies that are not the protocol's
  { name: 'an HTML page with 200', command: listLambdas, rule: always(ListResources, html(200)), codes: [6], says: /cloudcontrol ListResources sent a reply qchat cannot use: the body is not what AWS sends \(HTTP 200, text\/html/ },
  { name: 'an HTML error page with 500', command: listLambdas, rule: always(ListResources, html(500)), codes: [6], says: /HTTP 500, text\/html/ },
  { name: 'an HTML error page with 502', command: listLambdas, rule: always(ListResources, html(502)), codes: [6], says: /HTTP 502, text\/html/ },
  { name: 'a 10 MB HTML error page', command: listLambdas, rule: always(ListResources, html(502, 10_000_000)), codes: [6], says: unreadable },
  { name: 'truncated JSON', command: listLambdas, rule: always(ListResources, (r) => ({ kind: 'reply', status: 200, headers: r.headers, body: r.body.slice(0, r.body.length / 2) })), codes: [6], says: unreadable },
  { name: 'an empty body with 500', command: listLambdas, rule: always(ListResources, () => ({ kind: 'reply', status: 500, body: '' })), codes: [6], says: /an error without an AWS error code \(HTTP 500/ },
  { name: 'JSON without an error type, with 500', command: listLambdas, rule: always(ListResources, () => ({ kind: 'reply', status: 500, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"oops": true}' })), codes: [6], says: /an error without an AWS error code/ },
  { name: 'valid JSON as text/plain', command: listLambdas, rule: always(ListResources, (r) => ({ kind: 'reply', status: 200, headers: { 'content-type': 'text/plain' }, body: r.body })), codes: [0], says: /Found \d+ Lambda functions/ },
  { name: 'valid JSON as application/xml', command: listLambdas, rule: always(ListResources, (r) => ({ kind: 'reply', status: 200, headers: { 'content-type': 'application/xml' }, body: r.body })), codes: [0], says: /Found \d+ Lambda functions/ },
  { name: 'an empty body with 200', command: listLambdas, rule: always(ListResources, () => ({ kind: 'reply', status: 200, body: '' })), codes: [0], says: /No Lambda functions in us-east-1/ },
  { name: 'a body of binary garbage', command: listLambdas, rule: always(ListResources, () => ({ kind: 'reply', status: 200, body: Buffer.from([0xff, 0x00, 0x1b, 0x9b, 0xc3]) })), codes: [6], says: unreadable },

  // ---- well-formed JSON of the wrong shape
  { name: 'ResourceDescriptions that is text', command: listLambdas, rule: editJson(ListResources, (json) => (json.ResourceDescriptions = 'none')), codes: [6], says: /ResourceDescriptions is not a list/ },
  { name: 'ResourceDescriptions that is an object', command: listLambdas, rule: editJson(ListResources, (json) => (json.ResourceDescriptions = { Identifier: 'x' })), codes: [6], says: /ResourceDescriptions is not a list/ },
  { name: 'null resource descriptions', command: listLambdas, rule: editJson(ListResources, (json) => (json.ResourceDescriptions = [null, 1, 'x'])), codes: [6], says: /a resource description without an Identifier/ },
  { name: 'resources without an Identifier', command: listLambdas, rule: eachResource((d) => delete d.Identifier), codes: [6], says: /a resource description without an Identifier/ },
  { name: 'an Identifier that is a number', command: listLambdas, rule: eachResource((d) => (d.Identifier = 42)), codes: [6], says: /a resource description without an Identifier/ },
  { name: 'an empty Identifier', command: listLambdas, rule: eachResource((d) => (d.Identifier = '')), codes: [6], says: /a resource description without an Identifier/ },
  { name: 'the same NextToken forever', command: listLambdas, rule: pagingLoop(ListResources, 'NextToken'), codes: [6], says: /it gave the same page token twice, so paging would never end/ },
  { name: 'the same NextToken forever, on empty pages', command: listLambdas, rule: pagingLoop(ListResources, 'NextToken', true), codes: [6], says: /same page token twice/ },
  { name: 'a NextToken that is a number', command: listLambdas, rule: editJson(ListResources, (json) => (json.NextToken = 12345)), codes: [6], says: /its page token is not a string/ },
  { name: 'a failure in one region of two', command: ['ask', 'how many lambda functions in us-east-1 and eu-west-1'], rule: () => ({ operations: [ListResources], rewrite: (reply, request) => (request.region === 'eu-west-1' ? html(502)() : passThrough(reply)) }), codes: [0], says: /1 region could not be asked: eu-west-1[\s\S]*Failed:\n {2}eu-west-1: cloudcontrol ListResources sent a reply qchat cannot use/ },

  // ---- what identifiers and errors carry
  { name: 'escape sequences in identifiers and tag values', command: listLambdas, rule: eachResource((d) => { d.Identifier = `fn\u001b]0;pwned\u0007\u001b[2J\u009b31m-${String(d.Identifier)}`; d.Properties = JSON.stringify({ Runtime: '\u001b[31mnode\u0007', Tags: [{ Key: 'Name', Value: '\u001bP1$r\u001b\\evil\u001b[?1049h' }] }); }), codes: [0], says: /fn-checkout-api-prod +evil +us-east-1 +node/ },
  { name: 'bidi overrides in identifiers', command: listLambdas, rule: eachResource((d) => (d.Identifier = `\u202e${String(d.Identifier)}\u202c`)), codes: [0], says: /checkout-api-prod/ },
  { name: 'a 200,000-character identifier', command: listLambdas, rule: eachResource((d) => (d.Identifier = `${String(d.Identifier)}-${'i'.repeat(200_000)}`)), codes: [0], says: /checkout-api-prod-i+…/ },
  { name: 'an error type and message with escape sequences', command: listLambdas, rule: always(ListResources, () => ({ kind: 'reply', status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ __type: 'Weird\u001b[2JException', message: 'go\u001b]0;pwned\u0007 away' }) })), codes: [6], says: /us-east-1: go away \(WeirdException\)/ },
  { name: 'a 1 MB error message', command: listLambdas, rule: always(ListResources, () => ({ kind: 'reply', status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ __type: 'ValidationException', message: 'm'.repeat(1_000_000) }) })), codes: [6], says: /ValidationException/ },

  // ---- connections
  { name: 'a server that never answers', command: listLambdas, rule: always(ListResources, () => ({ kind: 'hang' })), env: { QCHAT_QUESTION_TIMEOUT: '2' }, codes: [6], says: /no answer from us-east-1 before the question's deadline/, within: 6000 },
  { name: 'a connection reset mid-body', command: listLambdas, rule: always(ListResources, (r) => ({ kind: 'reset-mid-body', body: r.body })), codes: [6], says: /the connection closed before the reply was complete/ },
  { name: 'a connection closed without a reply', command: listLambdas, rule: always(ListResources, () => ({ kind: 'drop' })), codes: [6], says: /the connection to us-east-1 was lost/ },

  // ---- Cost Explorer
  { name: 'cost Amounts that are not numbers', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => ((r.Total as Json).UnblendedCost as Json).Amount = 'lots')), codes: [6], says: /Amount is not a number \("lots"\)/ },
  { name: 'cost Amounts that are empty', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => ((r.Total as Json).UnblendedCost as Json).Amount = '')), codes: [6], says: /Amount is not a number/ },
  { name: 'cost Amounts that are JSON numbers', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => ((r.Total as Json).UnblendedCost as Json).Amount = 12.5)), codes: [6], says: /Amount is not a number \(12.5\)/ },
  { name: 'group Amounts of NaN', command: costByService, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => (r.Groups as Json[]).forEach((g) => ((g.Metrics as Json).UnblendedCost as Json).Amount = 'NaN'))), codes: [6], says: /Groups\[0\]\.Metrics\.UnblendedCost\.Amount is not a number/ },
  { name: 'Groups that is not a list', command: costByService, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => (r.Groups = 'all'))), codes: [6], says: /Groups is not a list/ },
  { name: 'group keys with escape sequences', command: costByService, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => (r.Groups as Json[]).forEach((g) => (g.Keys = [`\u001b]0;pwned\u0007${String((g.Keys as string[])[0])}\u001b[2J`])))), codes: [0], says: /the most went to / },
  { name: 'a currency with escape sequences', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => ((r.Total as Json).UnblendedCost as Json).Unit = '\u001b[2JEUR\u0007')), codes: [0], says: /Total: [\d,.]+ EUR/ },
  // Issue 16, item 9: a reply without a usable figure is named as such, never read as $0.00.
  { name: 'cost Amounts that overflow to Infinity', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => ((r.Total as Json).UnblendedCost as Json).Amount = '1e400')), codes: [6], says: /ResultsByTime\[0\]\.Total\.UnblendedCost\.Amount is out of range \(1e400\)/ },
  { name: 'cost Amounts beyond any bill', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => ((r.Total as Json).UnblendedCost as Json).Amount = '9e307')), codes: [6], says: /Amount is out of range/ },
  { name: 'a cost metric without its Amount', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => delete ((r.Total as Json).UnblendedCost as Json).Amount)), codes: [6], says: /ResultsByTime\[0\]\.Total\.UnblendedCost has no Amount/ },
  { name: 'a Total without the metric asked for', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => (r.Total = {}))), codes: [6], says: /ResultsByTime\[0\]\.Total has no UnblendedCost/ },
  { name: 'groups without the metric asked for', command: costByService, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => (r.Groups as Json[]).forEach((g) => (g.Metrics = {})))), codes: [6], says: /Groups\[0\]\.Metrics has no UnblendedCost/ },
  { name: 'a cost reply with no ResultsByTime periods', command: ['ask', 'what did I spend last month'], rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime = [])), codes: [6], says: /ce GetCostAndUsage sent a reply qchat cannot use: ResultsByTime holds no time period/ },
  { name: 'a forecast with no Total', command: ['ask', 'forecast for the rest of this month'], rule: editJson('AWSInsightsIndexService.GetCostForecast', (json) => delete json.Total), codes: [6], says: /the forecast has no Total/ },
  { name: 'forecast intervals without their MeanValue', command: ['ask', 'forecast for the next 3 months'], rule: editJson('AWSInsightsIndexService.GetCostForecast', (json) => (json.ForecastResultsByTime as Json[]).forEach((r) => delete r.MeanValue)), codes: [6], says: /ForecastResultsByTime\[0\]\.MeanValue is missing/ },
  { name: 'a forecast that overflows to Infinity', command: ['ask', 'forecast for the rest of this month'], rule: editJson('AWSInsightsIndexService.GetCostForecast', (json) => ((json.Total as Json).Amount = '1e999')), codes: [6], says: /forecast\.Total\.Amount is out of range/ },
  { name: 'ResultsByTime that is not a list', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime = 5)), codes: [6], says: /ResultsByTime is not a list/ },
  { name: 'results without a TimePeriod', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => delete r.TimePeriod)), codes: [6], says: /has no TimePeriod with Start and End/ },
  { name: 'results whose TimePeriod is not dates', command: costTrend, rule: editJson(GetCostAndUsage, (json) => (json.ResultsByTime as Json[]).forEach((r) => ((r.TimePeriod as Json).Start = '2026-02-30'))), codes: [6], says: /ResultsByTime\[0\]\.TimePeriod is not two dates \(Start "2026-02-30", End "\d{4}-\d\d-\d\d"\)/ },
  { name: 'the same NextPageToken forever', command: costTrend, rule: pagingLoop(GetCostAndUsage, 'NextPageToken'), codes: [6], says: /ce GetCostAndUsage sent a reply qchat cannot use: it gave the same page token twice/ },
  { name: 'Cost Explorer answering with an HTML page', command: costTrend, rule: always(GetCostAndUsage, html(502)), codes: [6], says: /ce GetCostAndUsage sent a reply qchat cannot use: the body is not what AWS sends \(HTTP 502/ },
  { name: 'Cost Explorer JSON cut short', command: costTrend, rule: always(GetCostAndUsage, (r) => ({ kind: 'reply', status: 200, headers: r.headers, body: r.body.slice(0, 40) })), codes: [6], says: unreadable },
  { name: 'DimensionValues that is not a list', command: ['ask', 'what did I spend on EC2 last month'], rule: editJson('AWSInsightsIndexService.GetDimensionValues', (json) => (json.DimensionValues = { Value: 'x' })), codes: [6], says: /DimensionValues is not a list/ },
  { name: 'a forecast that is not a number', command: ['ask', 'forecast for the rest of this month'], rule: editJson('AWSInsightsIndexService.GetCostForecast', (json) => ((json.Total as Json).Amount = 'soon')), codes: [6], says: /forecast\.Total\.Amount is not a number/ },
  { name: 'Cost Explorer that never answers', command: costTrend, rule: always(GetCostAndUsage, () => ({ kind: 'hang' })), env: { QCHAT_QUESTION_TIMEOUT: '2' }, codes: [6], says: /before the deadline|before the question's deadline/, within: 6000 },

  // ---- the account's regions
  { name: 'ListRegions answering with an HTML page', command: ['ask', 'how many lambda functions in all regions'], rule: always('POST /listRegions', html(502)), codes: [0], says: /Could not list the account's enabled regions \(UnexpectedReply: account ListRegions sent a reply qchat cannot use/ },
  { name: 'ListRegions paging in a loop', command: ['ask', 'how many lambda functions in all regions'], rule: pagingLoop('POST /listRegions', 'NextToken'), codes: [0], says: /Could not list the account's enabled regions \(UnexpectedReply: .*same page token twice/ },

  // ---- identity calls
  { name: 'STS answering with an HTML page', command: ['whoami'], rule: always('sts.GetCallerIdentity', html(502)), codes: [1], says: /^qchat: sts GetCallerIdentity sent a reply qchat cannot use: an error without an AWS error code \(HTTP 502, text\/html\)$/m },
  { name: 'STS XML cut short', command: ['whoami'], rule: always('sts.GetCallerIdentity', (r) => ({ kind: 'reply', status: 200, headers: r.headers, body: r.body.slice(0, 60) })), codes: [1], says: /^qchat: sts GetCallerIdentity sent a reply qchat cannot use: the body is not what AWS sends/m },
  { name: 'STS naming no caller', command: ['whoami'], rule: always('sts.GetCallerIdentity', () => ({ kind: 'reply', status: 200, headers: { 'content-type': 'text/xml' }, body: '<GetCallerIdentityResponse><GetCallerIdentityResult></GetCallerIdentityResult></GetCallerIdentityResponse>' })), codes: [1], says: /sts GetCallerIdentity sent a reply qchat cannot use: it names no Account, Arn or UserId/ },
  { name: 'STS with escape sequences in the caller ARN', command: ['whoami'], rule: always('sts.GetCallerIdentity', (r) => ({ kind: 'reply', status: 200, headers: r.headers, body: r.body.replace(/(<Arn>[^<]*\/)([^</]+)(<\/Arn>)/, '$1\u001b]0;pwned\u0007$2\u001b[2J$3') })), codes: [0, 3] },
  // questionTimeout covers the question only; identity calls have no deadline yet (see the report).
  { name: 'STS that never answers', command: ['whoami'], rule: always('sts.GetCallerIdentity', () => ({ kind: 'hang' })), env: { QCHAT_QUESTION_TIMEOUT: '2' }, codes: [6], says: /did not answer within 2 s/, within: 6000 },
];
