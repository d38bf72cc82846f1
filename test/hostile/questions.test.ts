import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { clean, questionCases, type QuestionCase } from './corpus/questions.js';
import { expectClean } from './helpers/expect-clean.js';
import { runHostile } from './helpers/run.js';

// One sandbox for the file; each run talks to it as alice (Pro) through --endpoint-url, without
// the pause between pages (a setting) that would only make the corpus slow. The sandbox's rate limit
// is off: some 250 sessions in a row, each a fresh process with a fresh bucket of its own, ask
// us-east-1 at about 60 requests a second, past any account's quota, and now and then one of them
// was still throttled after the SDK's three attempts (CI, 2026-12-02). Throttling is what
// responses.test.ts and sandbox-rate-limits.test.ts are about, not this corpus.
const sandbox = useSandbox({ rateLimits: false });
const asAlice = () => ['--endpoint-url', sandbox.current.url, '--sandbox-user', 'alice'];
const env = { QCHAT_REGION_REQUESTS_PER_SECOND: '1000' };

const ask = (c: QuestionCase, via: 'argument' | 'stdin', json = false) => {
  const flags = [...asAlice(), ...(json ? ['--json'] : [])];
  return via === 'argument' ? runHostile(['ask', String(c.question), ...flags], env) : runHostile(['ask', ...flags], env, c.question);
};

const cleanAnswers = new Map<string, Promise<string>>();
function answerTo(question: string): Promise<string> {
  let answer = cleanAnswers.get(question);
  if (!answer) {
    answer = runHostile(['ask', question, ...asAlice()], env).then((result) => {
      expect(result.code).toBe(0);
      return result.stdout;
    });
    cleanAnswers.set(question, answer);
  }
  return answer;
}

describe('hostile questions through qchat ask', () => {
  it('answers the clean question the cases hide their text in', async () => {
    expect(await answerTo(clean)).toMatch(/^You have \d+ Lambda functions in us-east-1\./);
  });

  for (const c of questionCases) {
    const vias = c.via === 'both' ? (['argument', 'stdin'] as const) : ([c.via ?? 'argument'] as const);
    for (const via of vias) {
      it(`${c.name} (${via})`, async () => {
        const result = await ask(c, via);
        expectClean(result, { codes: c.codes ?? [0, 2] });
        if (c.says) expect(result.stdout + result.stderr).toMatch(c.says);
        if (c.sameAs) expect(result.stdout).toBe(await answerTo(c.sameAs));
      });
    }
  }

  // JSON output carries the question as it was asked, escaped, and nothing else breaks it.
  for (const c of questionCases.filter((q) => q.json)) {
    it(`${c.name} (--json)`, async () => {
      const result = await ask(c, 'argument', true);
      expectClean(result, { codes: c.codes ?? [0, 2], json: true });
      const output = JSON.parse(result.stdout) as { question?: string; error?: { message: string } };
      if (output.question !== undefined) expect(output.question).toBe(c.question);
      else expect(output.error?.message).toBeTruthy();
    });
  }
});
