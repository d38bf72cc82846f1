import type { Answer } from './answer.js';
import type { ExecutionContext } from './execution-context.js';
import { plural } from './format.js';

/**
 * What a default-region answer says about the regions it did not ask (issue 14: "2 EKS clusters in
 * us-east-1" when the account has 4 is a confident wrong answer). The other regions are the
 * account's enabled ones (Account ListRegions, asked once per run); the offer fits the tier: ask
 * them, or they need Pro, or this installation's tier policy turns cross-region questions off.
 */
export async function otherRegionsOffer(asked: string, context: ExecutionContext, answer: Answer): Promise<string> {
  const enabled = await context.enabledRegions.get(context.signal);
  answer.calls.push({ service: 'account', operation: 'ListRegions', region: 'us-east-1', pages: 1, fromCache: enabled.fromCache ?? false });
  // Without the lookup there is no honest count of the others (the defaults stand in only for asking).
  const others = enabled.warning ? undefined : enabled.regions.filter((region) => region !== asked).length;
  if (others === 0) return '';
  const one = others === 1;
  switch (context.otherRegions ?? 'ask') {
    case 'ask':
      return `; ask 'in all regions' for ${others === undefined ? 'the other enabled regions' : `the other ${others}`}`;
    case 'needs-pro':
      return `; ${theOthers(others)} ${one ? 'needs' : 'need'} qchat Pro (cross-region questions)`;
    case 'turned-off':
      return `; ${theOthers(others)} ${one ? 'was' : 'were'} not asked: cross-region questions are turned off for your tier`;
  }
}

function theOthers(count: number | undefined): string {
  return count === undefined ? 'the other enabled regions' : `the other ${plural(count, 'enabled region')}`;
}
