import { arnTokens, isValidArn } from './arn.js';
import { principalFacts, resourceFacts, scanResourceIds } from './identifiers.js';

/** Console errors are a few lines; anything longer is read only this far (patterns stay fast on any input). */
export const maxErrorLength = 16_384;

const escapeSequences = /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[ -~]?/g;
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The error as pasted, without terminal escapes, control characters or broken UTF-16, cut to a sane length. */
export function cleanErrorText(raw: string): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  let text = raw.length > maxErrorLength * 4 ? raw.slice(0, maxErrorLength * 4) : raw;
  text = text.replace(escapeSequences, '').replace(controls, ' ').replace(loneSurrogates, '\ufffd').replace(/[ \t]+/g, ' ').trim();
  if (text.length > maxErrorLength) {
    warnings.push(`The error text is ${raw.length.toLocaleString('en-US')} characters long; only the first ${maxErrorLength.toLocaleString('en-US')} were read.`);
    text = text.slice(0, maxErrorLength);
  }
  return { text, warnings };
}

/** Error codes as the console, the SDKs and the AWS CLI print them. */
const codePatterns = [
  /Error Code: ([A-Za-z][\w.]+)/,
  /An error occurred \(([\w.]+)\) when calling the (\w+) operation/,
  /^([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+(?:\.[A-Za-z]+)?):/,
  /\(([A-Z][A-Za-z]+(?:Exception|Error|Fault))\)/,
];

/**
 * What an error message names: the error code, the IAM action, who was refused (the ARN after
 * "User:"), the resource (the ARN after "on resource:", and every other ARN), resource IDs,
 * the encoded authorization message and the instance type.
 */
export function readErrorText(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pattern of codePatterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    values.errorCode = match[1]!;
    if (match[2]) values.operation = match[2];
    break;
  }
  const action = /perform:\s*([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(text) ?? /(?<![\w/.:-])([a-z][a-z0-9-]{1,30}:[A-Z][A-Za-z0-9]*\*?)(?![\w:])/.exec(text);
  if (action) values.action = action[1]!;
  const encoded = /Encoded authorization failure message:\s*([\w+/=-]{16,})/.exec(text);
  if (encoded) values.encodedMessage = encoded[1]!;
  // Bounded, so a long run of letters and digits cannot make the pattern backtrack for long.
  const instanceType = /(?<![\w.-])([a-z][a-z0-9-]{0,15}\.(?:nano|micro|small|medium|large|\d{0,2}xlarge|metal))(?![\w.-])/.exec(text)?.[1];
  if (instanceType && /\d/.test(instanceType.split('.')[0]!)) values.instanceType = instanceType;

  const valid = (arn: string | undefined): arn is string => arn !== undefined && isValidArn(arn);
  const principal = /User: (arn:[^\s"']+?)\.?(?=\s|$)/.exec(text)?.[1];
  const resource = /on resource:\s*"?(arn:[^\s"']+?)"?\.?(?=\s|$|")/.exec(text)?.[1];
  // Earlier keys win: the resource named after "on resource:" before any other ARN, IDs last.
  const named = [resource, ...arnTokens(text).filter((arn) => arn !== principal)].filter(valid);
  const fromArns: Record<string, string> = Object.assign({}, ...named.map(resourceFacts).reverse());
  return {
    ...scanResourceIds(text),
    ...fromArns,
    ...(valid(principal) ? principalFacts(principal) : {}),
    ...(valid(resource) ? { resourceArn: resource } : {}),
    ...values,
  };
}
