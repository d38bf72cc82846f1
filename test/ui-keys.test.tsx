import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Prompt } from '../source/ui/components/prompt.js';
import { keyBindings, keyHelp, readKeys } from '../source/ui/keys.js';
import { keys, tick } from './helpers/ui.js';

/** The prompt alone, with what it sent and whether it asked to quit. */
function renderPrompt(history: string[] = []) {
  const sent: string[] = [];
  const interrupts: boolean[] = [];
  let quits = 0;
  const ui = render(
    <Prompt
      onSubmit={(text) => sent.push(text)}
      onQuit={() => quits++}
      onInterrupt={(hasDraft) => {
        interrupts.push(hasDraft);
        return hasDraft ? 'clear' : 'armed';
      }}
      history={history}
    />,
  );
  const press = async (...inputs: string[]) => {
    for (const input of inputs) {
      ui.stdin.write(input);
      await tick(15);
    }
  };
  // The first line as drawn (colour is off in tests, so the inverse cursor cell is a plain space, trimmed).
  const line = () => (ui.lastFrame() ?? '').split('\n')[0]!.replace(/^› /, '').trimEnd();
  /** Waits (briefly) for the frame to show `text`, so a slow render is not a failure. */
  const shows = async (text: string) => {
    for (let i = 0; i < 100 && !(ui.lastFrame() ?? '').includes(text); i++) await tick(10);
    return ui.lastFrame() ?? '';
  };
  const lineIs = async (text: string) => {
    for (let i = 0; i < 100 && line() !== text; i++) await tick(10);
    return line();
  };
  return { ui, sent, interrupts, quits: () => quits, press, line, lineIs, shows };
}

describe('key resolution: every binding in the table', () => {
  it.each(keyBindings.flatMap((binding) => binding.keys.map(([name, bytes]) => [name, JSON.stringify(bytes), bytes, binding.action] as const)))('%s %s resolves to its action', (_name, _shown, bytes, action) => {
    expect(readKeys(bytes, false)).toEqual([{ kind: 'key', action }]);
  });

  it('Backspace (0x7f) and Delete (ESC [3~) are different keys, though Ink reports both as "delete"', () => {
    expect(readKeys(keys.backspace, false)).toEqual([{ kind: 'key', action: 'backspace' }]);
    expect(readKeys(keys.delete, false)).toEqual([{ kind: 'key', action: 'delete-forward' }]);
    expect(readKeys(keys.ctrlH, false)).toEqual([{ kind: 'key', action: 'backspace' }]);
  });

  it('text and control bytes typed in one chunk are split in order', () => {
    expect(readKeys('ab\u007fc\r', false)).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'key', action: 'backspace' },
      { kind: 'text', text: 'c' },
      { kind: 'key', action: 'submit' },
    ]);
  });

  it('a chunk of several lines is a paste; a single trailing Enter still sends', () => {
    expect(readKeys('one\r\ntwo\r', false)).toEqual([{ kind: 'text', text: 'one\ntwo' }, { kind: 'key', action: 'submit' }]);
    expect(readKeys('a\rb', false)).toEqual([{ kind: 'text', text: 'a\nb' }]);
  });

  it('inside a bracketed paste everything but the end marker is text', () => {
    expect(readKeys('x\ry\u007f', true)).toEqual([{ kind: 'text', text: 'x\ny\u007f' }]);
    expect(readKeys(keys.pasteEnd, true)).toEqual([{ kind: 'key', action: 'paste-end' }]);
  });

  it('an unknown escape sequence is ignored, not typed', () => {
    expect(readKeys('\u001b[24~', false)).toEqual([]);
  });

  it('/help lists the bindings from the same table', () => {
    expect(keyHelp).toContainEqual(['Backspace, Ctrl+H', 'delete the character before the cursor']);
    expect(keyHelp).toContainEqual(['Alt+B, Ctrl+Left', 'back one word']);
    expect(keyHelp.map(([, what]) => what)).toEqual(keyBindings.flatMap((binding) => (binding.help ? [binding.help] : [])));
  });
});

describe('the line editor in the prompt, with the real key bytes', () => {
  it('Backspace deletes backwards; Delete forwards; Ctrl+H backwards', async () => {
    const { press, lineIs, ui } = renderPrompt();
    await press('abcd');
    await press(keys.backspace);
    expect(await lineIs('abc')).toBe('abc');
    await press(keys.left, keys.left, keys.delete);
    expect(await lineIs('ac')).toBe('ac');
    await press(keys.ctrlH);
    expect(await lineIs('c')).toBe('c');
    ui.unmount();
  });

  it('Ctrl+A/E and Home/End move to the ends; Ctrl+K cuts to the end and Ctrl+Y puts it back', async () => {
    const { press, lineIs, sent, ui } = renderPrompt();
    await press('world');
    await press(keys.ctrlA, 'hello ');
    expect(await lineIs('hello world')).toBe('hello world');
    await press(keys.end, '!', keys.home, '>', keys.ctrlE, '<');
    expect(await lineIs('>hello world!<')).toBe('>hello world!<');
    await press(keys.ctrlA, keys.right, keys.ctrlK);
    expect(await lineIs('>')).toBe('>');
    await press(keys.ctrlY, keys.enter);
    expect(sent).toEqual(['>hello world!<']);
    ui.unmount();
  });

  it('Ctrl+U cuts to the start, Ctrl+W the previous word', async () => {
    const { press, lineIs, ui } = renderPrompt();
    await press('list ec2 instances');
    await press(keys.ctrlW);
    expect(await lineIs('list ec2')).toBe('list ec2');
    await press(keys.ctrlU);
    expect(await lineIs(' Ask about your AWS account, or /help')).toBe(' Ask about your AWS account, or /help');
    await press(keys.ctrlY);
    expect(await lineIs('list ec2')).toBe('list ec2');
    ui.unmount();
  });

  it('Alt+B and Alt+F move by words; Alt+D cuts the next word', async () => {
    const { press, lineIs, sent, ui } = renderPrompt();
    await press('how many s3 buckets');
    await press(keys.altB, keys.altB);
    await press('big ');
    expect(await lineIs('how many big s3 buckets')).toBe('how many big s3 buckets');
    await press(keys.altF, keys.altD);
    await press(keys.enter);
    expect(sent).toEqual(['how many big s3']);
    ui.unmount();
  });

  it('Ctrl+J and Shift+Enter insert a new line; Enter sends both lines', async () => {
    const { press, sent, ui } = renderPrompt();
    await press('one', keys.ctrlJ, 'two', keys.shiftEnter, 'three', keys.enter);
    expect(sent).toEqual(['one\ntwo\nthree']);
    ui.unmount();
  });

  it('Ctrl+D deletes forward, and quits only at an empty prompt', async () => {
    const { press, lineIs, quits, ui } = renderPrompt();
    await press('ab', keys.left, keys.ctrlD);
    expect(await lineIs('a')).toBe('a');
    expect(quits()).toBe(0);
    await press(keys.backspace, keys.ctrlD);
    expect(quits()).toBe(1);
    ui.unmount();
  });

  it('Ctrl+C clears a draft; at an empty prompt it is passed on', async () => {
    const { press, lineIs, interrupts, ui } = renderPrompt();
    await press('a draft', keys.ctrlC);
    expect(await lineIs(' Ask about your AWS account, or /help')).toBe(' Ask about your AWS account, or /help');
    await press(keys.ctrlC);
    expect(interrupts).toEqual([true, false]);
    ui.unmount();
  });

  it('Up and Down walk earlier inputs and keep the draft', async () => {
    const { press, lineIs, ui } = renderPrompt(['how many vpcs', '/usage']);
    await press('draft', keys.up);
    expect(await lineIs('/usage')).toBe('/usage');
    await press(keys.up);
    expect(await lineIs('how many vpcs')).toBe('how many vpcs');
    await press(keys.down, keys.down);
    expect(await lineIs('draft')).toBe('draft');
    ui.unmount();
  });

  it('Ctrl+R searches earlier inputs; again finds an older match; Enter sends it; Esc leaves the line as it was', async () => {
    const { press, sent, shows, ui } = renderPrompt(['how many vpcs', 'how many subnets', 'top 5 services by cost']);
    await press(keys.ctrlR, 'many');
    expect(await shows('(reverse search) “many ”: how many subnets')).toContain('(reverse search) “many ”: how many subnets');
    await press(keys.ctrlR);
    expect(await shows('“many ”: how many vpcs')).toContain('“many ”: how many vpcs');
    await press(keys.enter);
    expect(sent).toEqual(['how many vpcs']);
    await press('kept', keys.ctrlR, 'zzz');
    expect(await shows('no match')).toContain('no match');
    await press(keys.escape);
    expect(await shows('› kept')).toContain('› kept');
    ui.unmount();
  });

  it('Tab completes a /command; Down and Right and Ctrl+L do not type', async () => {
    const { press, lineIs, ui } = renderPrompt();
    await press('/he', keys.tab);
    expect(await lineIs('/help')).toBe('/help');
    await press(keys.right, keys.down, keys.ctrlL);
    expect(await lineIs('/help')).toBe('/help');
    ui.unmount();
  });

  it('a bracketed paste keeps its newlines as text', async () => {
    const { press, sent, ui } = renderPrompt();
    await press(`${keys.pasteStart}line one\rline two${keys.pasteEnd}`, keys.enter);
    expect(sent).toEqual(['line one\nline two']);
    ui.unmount();
  });
});
