import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../../config/package-root.js';
import { AwsError } from '../protocol.js';
import type { SandboxService } from '../service.js';
import { pageToken, readPageToken } from '../world/page-token.js';

/** Region opt-in status as the Account Management API names it. */
export type RegionOptStatus = 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'ENABLED_BY_DEFAULT';

const statuses: readonly RegionOptStatus[] = ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT'];
const maxPage = 50;

let cached: Record<string, Record<string, RegionOptStatus>> | undefined;

/** Every region's opt-in status for an account (config/sandbox/account-regions.json); accounts not listed get the defaults. */
export function accountRegions(accountId: string): Record<string, RegionOptStatus> {
  cached ??= (JSON.parse(readFileSync(shippedConfigPath('sandbox', 'account-regions.json'), 'utf8')) as { accounts: Record<string, Record<string, RegionOptStatus>> }).accounts;
  if (cached[accountId]) return cached[accountId];
  const regions = (JSON.parse(readFileSync(shippedConfigPath('regions.json'), 'utf8')) as { regions: { code: string; optIn: boolean }[] }).regions;
  cached[accountId] = Object.fromEntries(regions.map((r) => [r.code, r.optIn ? 'DISABLED' : 'ENABLED_BY_DEFAULT']));
  return cached[accountId];
}

/** Whether an account can call a regional endpoint at all: opt-in regions it has not enabled are closed to it. */
export function regionEnabled(accountId: string, region: string): boolean {
  const status = accountRegions(accountId)[region];
  return status === 'ENABLED' || status === 'ENABLED_BY_DEFAULT';
}

/** The Account Management API over restJson1: `POST /listRegions`, signed as `account`. */
export function accountService(): SandboxService {
  return {
    signingName: 'account',
    protocol: 'restJson1',
    routes: [{ method: 'POST', path: '/listRegions', operation: 'ListRegions' }],
    signed: true,
    throttled: false,
    regional: false,
    operations: {
      ListRegions: ({ request, caller }) => {
        const input = request.input;
        const accountId = caller!.accountId;
        if (input.AccountId !== undefined) {
          if (typeof input.AccountId !== 'string' || !/^\d{12}$/.test(input.AccountId)) {
            throw validation(`Value '${String(input.AccountId)}' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{12}$`);
          }
          if (input.AccountId !== accountId) {
            throw new AwsError('AccessDeniedException', `User: ${caller!.arn} is not authorized to perform: account:ListRegions on resource: arn:aws:account::${accountId}:account/${input.AccountId}`, 403);
          }
        }
        const max = input.MaxResults ?? maxPage;
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > maxPage) {
          throw validation(`Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value ${Number(max) < 1 ? 'greater than or equal to 1' : `less than or equal to ${maxPage}`}`);
        }
        const wanted = input.RegionOptStatusContains;
        if (wanted !== undefined && (!Array.isArray(wanted) || !wanted.every((s) => statuses.includes(s as RegionOptStatus)))) {
          throw validation(`Value '${JSON.stringify(wanted)}' at 'regionOptStatusContains' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${statuses.join(', ')}]]`);
        }
        const regions = Object.entries(accountRegions(accountId))
          .filter(([, status]) => !wanted || (wanted as string[]).includes(status))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([RegionName, RegionOptStatus]) => ({ RegionName, RegionOptStatus }));

        const fingerprint = `account:ListRegions:${accountId}:${JSON.stringify(wanted ?? [])}`;
        const start = input.NextToken === undefined ? 0 : readPageToken(input.NextToken, fingerprint);
        if (start === undefined) throw validation('The NextToken is not valid for this request.');
        const end = start + max;
        return { Regions: regions.slice(start, end), ...(end < regions.length ? { NextToken: pageToken(fingerprint, end) } : {}) };
      },
    },
  };
}

function validation(detail: string): AwsError {
  return new AwsError('ValidationException', detail.startsWith('Value') ? `1 validation error detected: ${detail}` : detail, 400);
}
