// "showing 50 of 151" in the chat says how to see every row ("say 'show all'"), and saying it does:
// the follow-up asks the same question for every row (issue 14, context). Real key bytes, the
// sandbox over HTTP.
import { describe, expect, it } from 'vitest';
import { fixtureCount } from './helpers/session.js';
import { keys, renderWithProviders } from './helpers/ui.js';

const ready = /› +Ask about your AWS account, or \/help\n(.*\n)?(qchat |\[sandbox\] |Using )/;
const functions = fixtureCount('AWS::Lambda::Function', 'us-east-1');
/** Table rows of functions: a name, then the region column. */
const rowsOf = (frame: string) => frame.split('\n').filter((line) => /^[a-z][\w.-]*\s+us-east-1\s/.test(line)).length;

describe("the chat's row cap says 'show all', and 'show all' shows them", () => {
  it('lists 5 of the functions with the hint, then every one', async () => {
    const { ui, waitFor, type, press, frame } = renderWithProviders({ flags: { tableRows: 5 } });
    await waitFor(ready);
    await type('list lambda functions');
    await press(keys.enter);
    const capped = await waitFor(`(showing 5 of ${functions} — say 'show all' for every row)`);
    expect(rowsOf(capped)).toBe(5);
    await waitFor(ready);
    await type('show all');
    await press(keys.enter);
    await waitFor(`Same question, every row: Found ${functions} Lambda functions in us-east-1`);
    await waitFor(ready);
    const all = frame().slice(frame().indexOf('Same question, every row'));
    expect(rowsOf(all)).toBe(functions);
    expect(all).not.toContain("say 'show all'");
    ui.unmount();
  }, 60_000);
});
