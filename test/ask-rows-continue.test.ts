import { describe, expect, it } from 'vitest';
import { runQchat, tempHome } from './helpers/cli.js';
import { fixtureCount } from './helpers/session.js';

// `qchat ask` over the sandbox: --json has every row, text shows the first tableRows and says how
// to get the rest, --all and --limit N change how many, and --continue follows up the last
// conversation from one process to the next.
const logGroups = fixtureCount('AWS::Logs::LogGroup');

describe('rows of an answer in qchat ask', () => {
  it('text shows the first 50 and says "--all" gets every row', async () => {
    const result = await runQchat(['ask', '--sandbox', 'list log groups in all regions']);
    expect(result.code).toBe(0);
    expect(logGroups).toBeGreaterThan(50);
    expect(result.stdout).toContain(`(showing 50 of ${logGroups} — \`--all\` for every row)`);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('/aws/') || line.startsWith('/ecs/'))).toHaveLength(50);
  }, 60_000);

  it('--all shows every row; --json has every row without it', async () => {
    const all = await runQchat(['ask', '--sandbox', '--all', 'list log groups in all regions']);
    expect(all.code).toBe(0);
    expect(all.stdout).not.toContain('showing');
    expect(all.stdout.split('\n').filter((line) => /^\/(?:aws|ecs)\//.test(line))).toHaveLength(logGroups);
    const json = await runQchat(['ask', '--sandbox', '--json', 'list log groups in all regions']);
    const output = JSON.parse(json.stdout) as { plan: { allRows?: boolean }; answer: { table: { rows: string[][]; total?: number } } };
    expect(output.plan.allRows).toBe(true);
    expect(output.answer.table.rows).toHaveLength(logGroups);
    expect(output.answer.table.total).toBeUndefined();
  }, 60_000);

  it('--limit N shows N rows and how many there are', async () => {
    const result = await runQchat(['ask', '--sandbox', '--limit', '3', 'list log groups in us-east-1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`(showing 3 of ${fixtureCount('AWS::Logs::LogGroup', 'us-east-1')} — \`--all\` for every row)`);
    const json = JSON.parse((await runQchat(['ask', '--sandbox', '--json', '--limit', '3', 'top services last month'])).stdout) as { plan: { limit: number }; answer: { table: { rows: unknown[] } } };
    expect(json.plan.limit).toBe(3);
    expect(json.answer.table.rows).toHaveLength(3);
  }, 60_000);

  it('a --limit that is not a whole number from 1 is a usage error (exit 2), before anything is asked', async () => {
    for (const bad of ['0', '-2', '2.5', 'ten', '']) {
      const result = await runQchat(['ask', '--sandbox', '--limit', bad, 'list log groups']);
      expect(result.code, bad).toBe(2);
      expect(result.stderr, bad).toContain(`qchat: --limit takes a whole number of rows from 1, not "${bad}"`);
      expect(result.stdout).toBe('');
    }
  });
});

describe('qchat ask --continue', () => {
  it('follows up the last conversation across processes, five turns, and keeps them in history', async () => {
    const home = tempHome();
    const ask = (question: string, ...flags: string[]) => runQchat(['ask', '--sandbox', '--continue', ...flags, question], { QCHAT_HOME: home });
    const first = await ask('list ec2 instances');
    expect(first.stdout.split('\n')[0]).toBe(`Found ${fixtureCount('AWS::EC2::Instance', 'us-east-1')} EC2 instances in us-east-1; ask 'in all regions' for the other 16.`);
    const second = await ask('only the stopped ones');
    expect(second.code).toBe(0);
    expect(second.stdout.split('\n')[0]).toMatch(/^Same question, only stopped: Found \d+ EC2 instances in state stopped in us-east-1; ask 'in all regions' for the other 16\.$/);
    const third = await ask('and in us-west-2', '--json');
    const output = JSON.parse(third.stdout) as { plan: { regions: string[]; filters: { properties: Array<{ value: string }> } }; answer: { summary: string } };
    expect(output.plan.regions).toEqual(['us-west-2']);
    expect(output.plan.filters.properties.map((p) => p.value)).toEqual(['stopped']);
    expect(output.answer.summary).toMatch(/^Same question, in us-west-2: Found \d+ EC2 instances in state stopped in us-west-2\.$/);
    // Two more follow-ups: the fifth's chain starts further back than the three turns the chat shows on a restore.
    await ask('and in eu-west-1');
    const fifth = await ask('and in us-east-2', '--json');
    const chained = JSON.parse(fifth.stdout) as typeof output;
    expect(chained.plan.regions).toEqual(['us-east-2']);
    expect(chained.plan.filters.properties.map((p) => p.value)).toEqual(['stopped']);
    const history = await runQchat(['history', 'show', '1', '--sandbox'], { QCHAT_HOME: home });
    for (const question of ['list ec2 instances', 'only the stopped ones', 'and in us-west-2', 'and in eu-west-1', 'and in us-east-2']) expect(history.stdout).toContain(question);
  }, 60_000);

  it('without --continue a follow-up stands alone: nothing to follow', async () => {
    const home = tempHome();
    await runQchat(['ask', '--sandbox', '--continue', 'list ec2 instances'], { QCHAT_HOME: home });
    const alone = await runQchat(['ask', '--sandbox', 'only the stopped ones'], { QCHAT_HOME: home });
    expect(alone.code).toBe(2);
  }, 60_000);

  it('after a plain ask (which keeps no conversation) a --continue follow-up says there was nothing to follow', async () => {
    const home = tempHome();
    await runQchat(['ask', '--sandbox', 'how many eks clusters'], { QCHAT_HOME: home });
    const followUp = await runQchat(['ask', '--sandbox', '--continue', 'and in eu-west-1?'], { QCHAT_HOME: home });
    expect(followUp.code).toBe(2);
    expect(followUp.stderr).toContain('qchat: warning: your last conversation has no answered question to follow up, so this was read on its own (plain qchat ask keeps none');
  }, 60_000);
});
