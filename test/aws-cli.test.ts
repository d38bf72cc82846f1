import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const hasCli = existsSync('/usr/bin/aws') || Boolean(process.env.AWS_CLI);

// CI installs Debian's awscli and sets QCHAT_REQUIRE_AWS_CLI, so there this never skips.
describe.skipIf(!hasCli && !process.env.QCHAT_REQUIRE_AWS_CLI)('the AWS CLI against qchat sandbox serve', () => {
  it('runs every check without an error', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/check-aws-cli.mjs'], { timeout: 120_000 }).catch((error) => {
      throw new Error(`check-aws-cli failed:\n${error.stdout}${error.stderr}`);
    });
    expect(stdout).toContain('agrees with the sandbox');
  }, 150_000);
});
