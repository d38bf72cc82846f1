// One view per answer (issue 14, "useful views"): a table and a chart of the same numbers are not
// both shown unless asked. A series over time is a chart, a breakdown a table; "as a table", "as a
// chart" and "chart and table" choose, as a question or as a follow-up. Planner → plan → sandbox
// over HTTP → answer → text and JSON.
import { describe, expect, it } from 'vitest';
import { Conversation } from '../source/chat/conversation.js';
import { renderAnswerText } from '../source/present/answer-text.js';
import { planQuestion } from '../source/understanding/planner.js';
import { runQchat } from './helpers/cli.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
const text = (answer: Parameters<typeof renderAnswerText>[0]) => renderAnswerText(answer, { width: 100, tableRows: 50, wrap: false });
const bars = /█{3,}/;
const planOf = (question: string) => {
  const result = planQuestion(question, context);
  if (result.kind !== 'plan') throw new Error(`"${question}" gave a reply: ${result.message}`);
  return result.plan;
};

describe('the planner reads how to show an answer, and nothing else from those words', () => {
  it.each([
    ['what did I spend last month by service as a table', { intent: 'cost-by-service', service: null, view: 'table' }],
    ['show my monthly costs this year as a chart', { intent: 'cost-trend', view: 'chart' }],
    ['cost by region last month as a chart and a table', { intent: 'cost-by-region', view: 'both' }],
    ['how many lambda functions in all regions in a table', { intent: 'count', resourceType: 'AWS::Lambda::Function', view: 'table' }],
    ['graph of daily cost for the last 30 days', { intent: 'cost-trend', granularity: 'DAILY', view: 'chart' }],
  ])('%s', (question, expected) => {
    expect(planOf(question)).toMatchObject(expected);
  });

  it('reads a bare "table" as a DynamoDB table, not a view', () => {
    const plan = planOf('list dynamodb tables');
    expect(plan).toMatchObject({ resourceType: 'AWS::DynamoDB::Table' });
    expect(plan).not.toHaveProperty('view');
  });
});

describe('one view of the numbers, against the sandbox', () => {
  it('shows a breakdown as its table only; the chart when asked', async () => {
    const session = await sandboxSession();
    const { answer } = await askAnswer(session, 'top 5 services by cost last month');
    expect(answer.view).toBe('table');
    expect(answer.chart?.points).toHaveLength(5);
    const shown = text(answer);
    expect(shown).toMatch(/^Service +Cost +Share$/m);
    expect(shown).not.toMatch(bars);

    const charted = (await askAnswer(session, 'top 5 services by cost last month as a chart')).answer;
    expect(charted.view).toBe('chart');
    expect(text(charted)).toMatch(bars);
    expect(text(charted)).not.toMatch(/^Service +Cost +Share$/m);
  });

  it('shows a trend as its chart only; the table when asked; both when asked for both', async () => {
    const session = await sandboxSession();
    const trend = (await askAnswer(session, 'monthly cost for the last 6 months')).answer;
    expect(trend.view).toBe('chart');
    expect(text(trend)).toMatch(bars);
    expect(text(trend)).not.toMatch(/^Month +Cost$/m);

    const tabled = (await askAnswer(session, 'monthly cost for the last 6 months as a table')).answer;
    expect(text(tabled)).toMatch(/^Month +Cost$/m);
    expect(text(tabled)).not.toMatch(bars);

    const both = (await askAnswer(session, 'monthly cost for the last 6 months as a chart and a table')).answer;
    expect(text(both)).toMatch(/^Month +Cost$/m);
    expect(text(both)).toMatch(bars);
  });

  it('counts across regions as a table by region; as bars when asked', async () => {
    const session = await sandboxSession();
    const { answer } = await askAnswer(session, 'how many lambda functions in all regions');
    expect(answer.table?.columns).toEqual(['Region', 'Count']);
    const total = answer.table!.rows.reduce((sum, [, count]) => sum + Number(count), 0);
    expect(answer.summary).toContain(`You have ${total} Lambda functions`);
    expect(text(answer)).not.toMatch(bars);
    expect(text((await askAnswer(session, 'how many lambda functions in all regions as a chart')).answer)).toMatch(bars);
  });

  it('changes the view as a follow-up, and says so', async () => {
    const session = await sandboxSession();
    const chat = new Conversation(session);
    await chat.submit('daily cost for the last 7 days');
    const reply = await chat.submit('as a table');
    if (reply.kind !== 'answer') throw new Error(`no answer: ${JSON.stringify(reply)}`);
    expect(reply.answer.summary).toMatch(/^Same question, as a table: Daily cost over the last 7 days/);
    expect(text(reply.answer)).toMatch(/^Day +Cost$/m);
    expect(text(reply.answer)).not.toMatch(bars);
  });

  it('keeps both views of the numbers in --json, and names the one shown', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', 'cost by service last month']);
    expect(result.code).toBe(0);
    const { answer } = JSON.parse(result.stdout) as { answer: { view: string; table: { rows: string[][] }; chart: { points: unknown[] } } };
    expect(answer.view).toBe('table');
    expect(answer.chart.points).toHaveLength(answer.table.rows.length);
  });
});
