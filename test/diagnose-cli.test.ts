import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQchat, tempHome } from './helpers/cli.js';

const listBucket =
  'User: arn:aws:sts::111122223333:assumed-role/ReadOnly/alice is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::my-bucket-123456" because no identity-based policy allows the s3:ListBucket action';
const bucketUrl = 'https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2';

function tiersFile(home: string, change: { diagnoseOnFree?: boolean; perMinute?: number }): string {
  const features = { diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
  const file = join(home, 'tiers.json');
  writeFileSync(
    file,
    JSON.stringify({
      free: { features: { ...features, diagnose: change.diagnoseOnFree ?? true, history: false, resourceQuestions: false, costQuestions: false, crossRegion: false }, limits: { requestsPerMonth: 50, requestsPerMinute: 5 } },
      pro: { features, limits: { requestsPerMonth: 1000, requestsPerMinute: change.perMinute ?? 30 } },
    }),
  );
  return file;
}

describe('qchat diagnose', () => {
  it('prints the diagnosis as text: summary, analysis, steps, what was read, calls', async () => {
    const result = await runQchat(['diagnose', '--sandbox', '--error', 'The bucket you tried to delete is not empty', '--url', bucketUrl]);
    expect(result.stderr).toBe('qchat: Using the built-in sandbox account as alice.\n');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('S3 bucket not empty: bucket my-bucket-123456 in us-west-2.');
    expect(result.stdout).toContain('\n1. Make sure nothing still needs the data in bucket my-bucket-123456');
    expect(result.stdout).toContain('Run: aws s3api delete-bucket --bucket my-bucket-123456 --region us-west-2');
    // Where each value came from is the table's optional column: 100 columns (a pipe's width) leave it out before cutting a value.
    expect(result.stdout).toMatch(/\nbucket ARN +arn:aws:s3:::my-bucket-123456\n/);
    expect(result.stdout).toContain('(From left out to fit 100 columns)');
    expect(result.stdout).toContain('Calls: cloudcontrol GetResource');
    const wide = await runQchat(['diagnose', '--sandbox', '--error', 'The bucket you tried to delete is not empty', '--url', bucketUrl], { COLUMNS: '160' });
    expect(wide.stdout).toMatch(/\nbucket ARN +arn:aws:s3:::my-bucket-123456 +built\n/);
  });

  it('prints JSON with the error class, the answer, the calls and failures', async () => {
    const result = await runQchat(['diagnose', '--sandbox', '--json', '--error', listBucket]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['account', 'errorClass', 'url', 'answer', 'calls', 'failures']);
    expect(output.errorClass).toBe('access-denied');
    expect(output.answer).toMatchObject({ outcome: 'answered', summary: 'Access denied: role ReadOnly may not s3:ListBucket on arn:aws:s3:::my-bucket-123456.' });
    expect(output.answer.steps[0]).toContain('--role-name ReadOnly');
    expect(output.answer.table.columns).toEqual(['Read', 'Value', 'From']);
    expect(output.calls).toHaveLength(3);
    expect(output.failures).toEqual([]);
  });

  it('reads the error text from stdin when --error is absent', async () => {
    const result = await runQchat(['diagnose', '--sandbox', '--json', '--url', bucketUrl], {}, 'BucketNotEmpty: The bucket you tried to delete is not empty\n');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ errorClass: 's3-bucket-not-empty', url: bucketUrl });
  });

  it('answers "not recognised" honestly, exit 0', async () => {
    const result = await runQchat(['diagnose', '--sandbox', '--error', 'Rate exceeded (ThrottlingException)']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe("Not recognised: this error is not in qchat's catalog of console errors (ThrottlingException).");
    const json = await runQchat(['diagnose', '--sandbox', '--json', '--error', 'something odd happened']);
    expect(JSON.parse(json.stdout)).toMatchObject({ errorClass: null, answer: { steps: [] } });
  });

  it('warns about a URL that is not a console address and still diagnoses', async () => {
    const result = await runQchat(['diagnose', '--sandbox', '--error', 'BucketNotEmpty', '--url', 'https://example.com/s3/x']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Note: example.com is not an AWS console address, so the URL was ignored.');
    expect(result.stdout).toContain('Find the bucket: it is the name after /s3/buckets/ in the console URL');
  });

  it('exits 2 without error text', async () => {
    const usage = 'qchat: diagnose needs the error text: qchat diagnose --error "..." [--url URL], or the text on stdin\n';
    expect(await runQchat(['diagnose', '--sandbox'])).toMatchObject({ code: 2, stderr: usage });
    expect(await runQchat(['diagnose', '--sandbox', '--error', '  '])).toMatchObject({ code: 2, stderr: usage });
    const json = await runQchat(['diagnose', '--sandbox', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'USAGE', message: expect.stringContaining('diagnose needs the error text'), remedy: null, details: {} } });
  });

  it('exits 3 when a sign-in is needed', async () => {
    const result = await runQchat(['diagnose', '--sandbox-user', 'bob', '--error', 'BucketNotEmpty']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('qchat login');
  });

  it('works on Free, and exits 4 where the tier policy turns it off', async () => {
    expect((await runQchat(['diagnose', '--sandbox-user', 'carol', '--error', 'BucketNotEmpty'])).code).toBe(0);
    const home = tempHome();
    const env = { QCHAT_HOME: home, QCHAT_TIERS_FILE: tiersFile(home, { diagnoseOnFree: false }) };
    const result = await runQchat(['diagnose', '--sandbox-user', 'carol', '--json', '--error', 'BucketNotEmpty'], env);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout).error.code).toBe('TIER_FEATURE_NOT_INCLUDED');
  });

  it('counts against the limits: exit 5 once they are used up', async () => {
    const home = tempHome();
    const env = { QCHAT_HOME: home, QCHAT_TIERS_FILE: tiersFile(home, { perMinute: 1 }) };
    expect((await runQchat(['diagnose', '--sandbox', '--error', 'BucketNotEmpty'], env)).code).toBe(0);
    const second = await runQchat(['diagnose', '--sandbox', '--error', 'BucketNotEmpty'], env);
    expect(second.code).toBe(5);
    expect(second.stderr).toMatch(/^qchat: Too many requests: 1 in the last minute is the Pro limit/m);
  });

  it('is listed in the help', async () => {
    const result = await runQchat(['diagnose', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--error <text>');
    expect(result.stdout).toContain('--url <url>');
  });
});
