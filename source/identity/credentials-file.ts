import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../config/clock.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { moveAside } from '../storage/disk.js';
import { loadJsonFile } from '../storage/json-file.js';
import { ensurePrivateDir } from '../storage/private-dir.js';

const registrationSchema = z.object({
  region: z.string(),
  issuerUrl: z.string(),
  flow: z.enum(['device', 'pkce']),
  clientId: z.string(),
  clientSecret: z.string(),
  expiresAt: z.string(),
  scopes: z.array(z.string()),
});

const signInSchema = z.object({
  startUrl: z.string(),
  region: z.string(),
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  expiresAt: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  /** Stays the same across refreshes; a new sign-in starts a new one. */
  sessionId: z.string(),
  /** The Q Developer profiles this sign-in listed last (names, not secrets): a profile on another instance is found here when its token has lapsed. */
  profiles: z.array(z.object({ arn: z.string(), name: z.string(), region: z.string(), instanceArn: z.string(), ssoRegion: z.string() })).optional(),
});

const fileSchema = z.object({
  version: z.literal(1),
  registrations: z.array(registrationSchema),
  signIns: z.array(signInSchema),
  /** The Q Developer profile the user chose among several. */
  selectedProfileArn: z.string().optional(),
});

export type Registration = z.infer<typeof registrationSchema>;
export type StoredSignIn = z.infer<typeof signInSchema>;
type Contents = z.infer<typeof fileSchema>;

const empty = (): Contents => ({ version: 1, registrations: [], signIns: [] });

/**
 * qchat's one credentials file, `<data>/identity/credentials.json` (0600 in a 0700 folder): the
 * SSO OIDC client registrations (kept until they expire), the access and refresh tokens of each
 * IAM Identity Center sign-in (one per start URL), and the chosen profile. Tokens live nowhere
 * else: never in history, logs or JSON output. A file qchat cannot use is moved aside and reported.
 */
export class CredentialsFile {
  readonly path: string;

  /** Files moved aside because qchat could not use them, said once each. */
  readonly warnings: string[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly clock: Clock,
  ) {
    this.path = join(dataDir, 'identity', 'credentials.json');
  }

  read(): Contents {
    const loaded = loadJsonFile(this.path, fileSchema, { what: 'qchat\'s credentials file' });
    if (loaded.state === 'ok') return loaded.value;
    if (loaded.state === 'unusable') {
      // Never overwritten silently: kept aside for a look, and the user told to sign in again.
      const aside = moveAside(this.path, this.clock);
      // No command named: the headless error and the chat's sign-in screen that follow say how, each in its own words.
      this.warnings.push(`${this.path} ${loaded.problem}; it was moved to ${aside}, and the sign-ins it held must be made again.`);
    }
    return empty();
  }

  signIn(startUrl: string): StoredSignIn | undefined {
    return this.read().signIns.find((signIn) => sameStartUrl(signIn.startUrl, startUrl));
  }

  registration(region: string, issuerUrl: string, flow: Registration['flow'], now: Date): Registration | undefined {
    // A registration within a minute of expiring is not reused (the Q Developer CLI's margin).
    return this.read().registrations.find((r) => r.region === region && sameStartUrl(r.issuerUrl, issuerUrl) && r.flow === flow && Date.parse(r.expiresAt) - 60_000 > now.getTime());
  }

  async saveRegistration(registration: Registration): Promise<void> {
    await this.update((contents) => {
      contents.registrations = [...contents.registrations.filter((r) => !(r.region === registration.region && sameStartUrl(r.issuerUrl, registration.issuerUrl) && r.flow === registration.flow)), registration];
    });
  }

  async saveSignIn(signIn: StoredSignIn): Promise<void> {
    await this.update((contents) => {
      contents.signIns = [...contents.signIns.filter((s) => !sameStartUrl(s.startUrl, signIn.startUrl)), signIn];
    });
  }

  async forgetSignIn(startUrl: string): Promise<void> {
    await this.update((contents) => {
      contents.signIns = contents.signIns.filter((s) => !sameStartUrl(s.startUrl, startUrl));
    });
  }

  async selectProfile(profileArn: string): Promise<void> {
    await this.update((contents) => {
      contents.selectedProfileArn = profileArn;
    });
  }

  /** `qchat logout`: deletes every token and registration. Returns how many sign-ins there were. */
  remove(): number {
    const count = this.read().signIns.length;
    rmSync(this.path, { force: true });
    return count;
  }

  private async update(change: (contents: Contents) => void): Promise<void> {
    const contents = this.read();
    change(contents);
    ensurePrivateDir(dirname(this.path), this.dataDir);
    writeFileAtomic(this.path, `${JSON.stringify(contents, null, 2)}\n`);
  }
}

/** Start URLs compare without a trailing slash, as people type them either way. */
export function sameStartUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
