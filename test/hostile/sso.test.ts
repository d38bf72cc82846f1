import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import { cacheFileName, ssoCases, ssoSessionConfig, type SsoCase } from './corpus/sso.js';
import { expectClean } from './helpers/expect-clean.js';
import { runHostile } from './helpers/run.js';

// The SDK's credential providers read ~/.aws through os.homedir() and process.env, not qchat's
// env: HOME is pointed at each case's folder (vitest runs this file in its own process), and no
// credentials of the machine running the tests may leak in.
const saved = { ...process.env };
beforeAll(() => {
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});
afterAll(() => {
  process.env = saved;
});

function awsHome(c: SsoCase): string {
  const home = tempHome();
  const aws = join(home, '.aws');
  const cacheDir = join(aws, 'sso', 'cache');
  mkdirSync(cacheDir, { recursive: true });
  if (typeof c.config === 'object') mkdirSync(join(aws, 'config'));
  else writeFileSync(join(aws, 'config'), c.config ?? ssoSessionConfig);
  const cacheFile = join(cacheDir, cacheFileName(c.config === undefined ? 'corp' : 'https://d-9067642ac7.awsapps.com/start'));
  if (typeof c.cache === 'string') writeFileSync(cacheFile, c.cache);
  else if (c.cache && 'directory' in c.cache) mkdirSync(cacheFile);
  else if (c.cache && 'danglingLink' in c.cache) symlinkSync(join(home, 'nowhere.json'), cacheFile);
  return home;
}

describe('SSO sign-ins that cannot be used (real-account profiles)', () => {
  for (const c of ssoCases) {
    const profile = c.profile ?? 'dev';
    for (const command of [['whoami'], ['ask', 'how many lambda functions in us-east-1']]) {
      it(`${c.name}: qchat ${command[0]}`, async () => {
        process.env.HOME = awsHome(c);
        const result = await runHostile([...command, '--profile', profile], { HOME: process.env.HOME });
        expectClean(result, { codes: [3] });
        // Either the profile is not there at all (named with its file), or its credentials cannot be used.
        expect(result.stderr).toMatch(/^qchat: (AWS could not use your credentials \(profile |profile .* is not in )/);
        if (!/\p{Cc}/u.test(profile)) expect(result.stderr).toContain(`profile ${profile}`);
        expect(result.stderr).not.toContain('sandbox');
        if (c.ssoLogin) expect(result.stderr).toContain(`Sign in again with: aws sso login --profile ${profile}`);
      });
    }
  }
});
