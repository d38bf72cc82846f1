// The line editor's rules one row each, beside test/ui-editor.test.ts: the cursor's limits, what a
// cut keeps for Ctrl+Y, where Up/Down land on lines of different lengths, the search's narrowing and
// accepting, completion, and the whole /help key list. Rows written to kill the mutants StrykerJS
// left alive in the keys-editor module (issue 17).
import { describe, expect, it } from 'vitest';
import { keyBindings, keyHelp, readKeys } from '../source/ui/keys.js';
import { editorReducer, emptyEditor, type EditorAction, type EditorState } from '../source/ui/state/editor.js';
import { lineEnd, lineStart, whitespaceWordStart, wordEnd, wordStart } from '../source/ui/state/editor-text.js';

const at = (value: string, cursor = value.length, extra: Partial<EditorState> = {}): EditorState => ({ ...emptyEditor, value, cursor, ...extra });
const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);
const shown = (state: EditorState) => `${state.value.slice(0, state.cursor)}|${state.value.slice(state.cursor)}`;

describe('cursor arithmetic', () => {
  it.each<[string, (value: string, cursor: number) => number, string, number, number]>([
    ['wordStart from inside a word', wordStart, 'ab cd', 4, 3],
    ['wordStart skips spaces and punctuation first', wordStart, 'ab -- ', 6, 0],
    ['wordStart counts digits, underscores and accented letters as word', wordStart, 'x é_9z', 6, 2],
    ['wordStart at the start stays', wordStart, 'ab', 0, 0],
    ['wordEnd from inside a word', wordEnd, 'ab cd', 1, 2],
    ['wordEnd skips punctuation then a word', wordEnd, 'ab -- cd ef', 2, 8],
    ['wordEnd counts digits, underscores and accented letters as word', wordEnd, 'é_9z x', 0, 4],
    ['wordEnd at the end stays', wordEnd, 'ab', 2, 2],
    ['whitespaceWordStart keeps punctuation in the word', whitespaceWordStart, 'aws s3-ls', 9, 4],
    ['whitespaceWordStart skips tabs and newlines first', whitespaceWordStart, 'one\ttwo\n\t', 9, 4],
    ['whitespaceWordStart at the start stays', whitespaceWordStart, 'ab', 0, 0],
    ['lineStart on the first line', lineStart, 'ab\ncd', 2, 0],
    ['lineStart right after a newline', lineStart, 'ab\ncd', 3, 3],
    ['lineStart on a third line', lineStart, 'a\nb\ncd', 5, 4],
    ['lineEnd on the last line', lineEnd, 'ab\ncd', 3, 5],
    ['lineEnd on a newline stays', lineEnd, 'ab\ncd', 2, 2],
  ])('%s', (_name, motion, value, cursor, expected) => {
    expect(motion(value, cursor)).toBe(expected);
  });
});

describe('editing rows', () => {
  it.each<[string, EditorState, EditorAction[], string]>([
    ['insert goes in at the cursor', at('ac', 1), [{ type: 'insert', text: 'bb' }], 'abb|c'],
    ['left stops at the start', at('ab', 0), [{ type: 'left' }], '|ab'],
    ['left moves one back', at('ab', 2), [{ type: 'left' }], 'a|b'],
    ['right stops at the end', at('ab'), [{ type: 'right' }], 'ab|'],
    ['right moves one on', at('ab', 0), [{ type: 'right' }], 'a|b'],
    ['backspace in the middle', at('abc', 1), [{ type: 'backspace' }], '|bc'],
    ['delete-forward keeps the cursor', at('abc', 0), [{ type: 'delete-forward' }], '|bc'],
    ['delete-forward removes one character only', at('abcd', 1), [{ type: 'delete-forward' }], 'a|cd'],
    ['kill-to-end in the last line cuts to its end', at('ab\ncd', 4), [{ type: 'kill-to-end' }], 'ab\nc|'],
    ['kill-to-start in a second line stops at that line', at('ab\ncd', 5), [{ type: 'kill-to-start' }], 'ab\n|'],
    ['kill-word-forward from inside a word', at('ab cd', 1), [{ type: 'kill-word-forward' }], 'a| cd'],
    ['history-back in a long second line lands at the end of a short first one', at('ab\ncdefg', 8), [{ type: 'history-back' }], 'ab|\ncdefg'],
    ['history-back from a third line goes to the second', at('a\nbc\nde', 7), [{ type: 'history-back' }], 'a\nbc|\nde'],
    ['history-forward from a long first line lands at the end of a short second one', at('abcde\nfg', 4), [{ type: 'history-forward' }], 'abcde\nfg|'],
    ['history-forward from a second line of three goes to the third', at('a\nbc\nd', 3), [{ type: 'history-forward' }], 'a\nbc\nd|'],
    ['history-forward keeps the column when the next line is long enough', at('ab\nxyz', 1), [{ type: 'history-forward' }], 'ab\nx|yz'],
    ['history-forward keeps the column of a middle line', at('a\nbc\ndef', 3), [{ type: 'history-forward' }], 'a\nbc\nd|ef'],
  ])('%s', (_name, state, actions, expected) => {
    expect(shown(run(state, ...actions))).toBe(expected);
  });

  it('a cut keeps what it cut for Ctrl+Y; a cut of nothing keeps the last one', () => {
    expect(run(at('one two', 3), { type: 'kill-to-end' }).killed).toBe(' two');
    expect(run(at('one two', 3), { type: 'kill-to-start' }).killed).toBe('one');
    expect(run(at('one two'), { type: 'kill-word-back' }).killed).toBe('two');
    expect(run(at('one two', 3), { type: 'kill-word-forward' }).killed).toBe(' two');
    const kept = run(at('ab', 2, { killed: 'earlier' }), { type: 'kill-to-end' });
    expect(kept).toEqual(at('ab', 2, { killed: 'earlier' }));
    expect(shown(run(kept, { type: 'line-start' }, { type: 'yank' }))).toBe('earlier|ab');
  });

  it('Up at the oldest entry stays; the draft is kept only when leaving it', () => {
    const oldest = at('one', 3, { history: ['one', 'two'], historyIndex: 0, draft: 'mine' });
    expect(run(oldest, { type: 'history-back' })).toEqual(oldest);
    const browsing = run(at('mine', 4, { history: ['one', 'two'], historyIndex: 2 }), { type: 'history-back' }, { type: 'history-back' });
    expect(browsing).toMatchObject({ value: 'one', cursor: 3, historyIndex: 0, draft: 'mine' });
    expect(run(browsing, { type: 'history-forward' })).toMatchObject({ value: 'two', cursor: 3, historyIndex: 1, draft: 'mine' });
    const draft = run(browsing, { type: 'history-forward' }, { type: 'history-forward' });
    expect(draft).toMatchObject({ value: 'mine', cursor: 4, historyIndex: 2 });
    expect(run(draft, { type: 'history-forward' })).toEqual(draft);
  });

  it('clear forgets the draft too, so Down after Up does not bring it back', () => {
    const cleared = run(at('abc', 1, { history: ['x'], historyIndex: 0, draft: 'old draft' }), { type: 'clear' });
    expect(cleared).toMatchObject({ value: '', cursor: 0, historyIndex: 1, draft: '' });
    expect(run(cleared, { type: 'history-back' }, { type: 'history-forward' }).value).toBe('');
  });

  it('submit keeps the older entries in order, drops the repeated one, and sent empties the outbox', () => {
    const sent = run(at('a', 1, { history: ['a', 'b', 'c'], historyIndex: 3 }), { type: 'submit' });
    expect(sent).toMatchObject({ history: ['b', 'c', 'a'], historyIndex: 3, outbox: 'a', draft: '' });
    expect(run(sent, { type: 'sent' }).outbox).toBeUndefined();
    const blank = at(' \n ', 3, { history: ['a'], historyIndex: 1 });
    expect(run(blank, { type: 'submit' })).toEqual(blank);
  });

  it('returns the same state when a key changes nothing, so nothing is redrawn', () => {
    const unchanged: Array<[EditorState, EditorAction]> = [
      [at('ab', 0), { type: 'backspace' }],
      [at('ab'), { type: 'delete-forward' }],
      [at('ab'), { type: 'kill-to-end' }],
      [at('ab'), { type: 'yank' }],
      [at('ab', 2, { history: ['x'], historyIndex: 0 }), { type: 'history-back' }],
      [at('ab', 2, { history: ['x'], historyIndex: 1 }), { type: 'history-forward' }],
      [at(' '), { type: 'submit' }],
      [at('hello'), { type: 'complete' }],
    ];
    for (const [state, action] of unchanged) expect(editorReducer(state, action)).toBe(state);
  });

  it('the first line sent from a fresh editor is the only entry of its history', () => {
    expect(run({ ...emptyEditor, value: 'how many vpcs', cursor: 13 }, { type: 'submit' })).toMatchObject({ history: ['how many vpcs'], historyIndex: 1 });
  });

  it('completion: only a lone /word is completed, one candidate gains a space, several their common prefix', () => {
    expect(shown(run(at('/hel'), { type: 'complete' }))).toBe('/help |');
    expect(run(at('/he lp'), { type: 'complete' }).value).toBe('/he lp');
    expect(run(at(' /he'), { type: 'complete' }).value).toBe(' /he');
    expect(run(at('/he '), { type: 'complete' }).value).toBe('/he ');
    expect(run(at('/'), { type: 'complete' }).value).toBe('/');
    expect(run(at('/zzz'), { type: 'complete' })).toEqual(at('/zzz'));
  });

  it('paste turns on and off; a search lets paste, sent and load-history through', () => {
    expect(run(emptyEditor, { type: 'paste', active: true }).pasting).toBe(true);
    expect(run(at('', 0, { pasting: true }), { type: 'paste', active: false }).pasting).toBe(false);
    const searching = run(at('', 0, { history: ['abc'], historyIndex: 1, outbox: 'sent before' }), { type: 'reverse-search' }, { type: 'insert', text: 'b' });
    expect(run(searching, { type: 'paste', active: true })).toMatchObject({ pasting: true, search: { query: 'b', match: 0 } });
    expect(run(searching, { type: 'sent' })).toMatchObject({ outbox: undefined, search: { query: 'b', match: 0 } });
    expect(run(searching, { type: 'load-history', history: ['x', 'y'] })).toMatchObject({ history: ['x', 'y'], historyIndex: 2, search: { query: 'b', match: 0 } });
    expect(run(at('ab'), { type: 'search-cancel' })).toEqual(at('ab'));
  });
});

describe('reverse search rows', () => {
  const history = ['Deploy web', 'list vpcs', 'deploy api'];
  const searching = (...texts: string[]) => run(at('draft', 5, { history, historyIndex: 3 }), { type: 'reverse-search' }, ...texts.map((text): EditorAction => ({ type: 'insert', text })));

  it('starts with no query and no match, and Ctrl+R then does nothing', () => {
    const started = searching();
    expect(started.search).toEqual({ query: '', match: undefined });
    expect(run(started, { type: 'reverse-search' })).toEqual(started);
  });

  it('matches regardless of case, newest first, and stays on the oldest match', () => {
    expect(searching('DEPLOY').search).toEqual({ query: 'DEPLOY', match: 2 });
    expect(run(searching('deploy'), { type: 'reverse-search' }).search).toEqual({ query: 'deploy', match: 0 });
    expect(run(searching('deploy'), { type: 'reverse-search' }, { type: 'reverse-search' }).search).toEqual({ query: 'deploy', match: 0 });
  });

  it('typing narrows from the current match on, a pasted newline is a space, and no match is undefined', () => {
    const older = run(searching('deploy'), { type: 'reverse-search' });
    expect(run(older, { type: 'insert', text: ' api' }).search).toEqual({ query: 'deploy api', match: undefined });
    expect(run(older, { type: 'insert', text: '\nweb' }).search).toEqual({ query: 'deploy web', match: 0 });
    expect(searching('zzz').search).toEqual({ query: 'zzz', match: undefined });
  });

  it('narrows within a shorter history loaded during the search (another session\'s inputs)', () => {
    const reloaded = run(searching('deploy'), { type: 'load-history', history: ['deploy db'] });
    expect(reloaded.search).toEqual({ query: 'deploy', match: 2 });
    expect(run(reloaded, { type: 'insert', text: ' db' }).search).toEqual({ query: 'deploy db', match: 0 });
  });

  it('backspace widens from the newest entry; emptied, it matches nothing', () => {
    const older = run(searching('deploy'), { type: 'reverse-search' });
    expect(run(older, { type: 'backspace' }).search).toEqual({ query: 'deplo', match: 2 });
    expect(run(searching('d'), { type: 'backspace' }).search).toEqual({ query: '', match: undefined });
  });

  it('another key accepts the match at its end, out of history browsing, and then acts', () => {
    expect(run(searching('vpc'), { type: 'left' })).toMatchObject({ search: undefined, value: 'list vpcs', cursor: 8, historyIndex: 3, draft: '' });
    expect(run(searching('vpc'), { type: 'insert', text: 'x' }).search).toEqual({ query: 'vpcx', match: undefined });
    const none = searching('zzz');
    expect(run(none, { type: 'right' })).toMatchObject({ search: undefined, value: 'draft', cursor: 5 });
    expect(run(none, { type: 'search-cancel' })).toMatchObject({ search: undefined, value: 'draft', cursor: 5 });
  });
});

describe('key resolution rows', () => {
  // The bytes terminals send, written out here rather than read from keyBindings: a table derived
  // from the bindings would follow a wrong byte or name there and pass.
  const keyTable: Array<[string, string, string]> = [
    ['Enter', '\r', 'submit'],
    ['Ctrl+J', '\n', 'newline'],
    ['Shift+Enter', '\u001b[13;2u', 'newline'],
    ['Shift+Enter', '\u001b[27;2;13~', 'newline'],
    ['Alt+Enter', '\u001b\r', 'newline'],
    ['Backspace', '\u007f', 'backspace'],
    ['Ctrl+H', '\b', 'backspace'],
    ['Delete', '\u001b[3~', 'delete-forward'],
    ['Ctrl+D', '\u0004', 'eof'],
    ['Left', '\u001b[D', 'left'],
    ['Left', '\u001bOD', 'left'],
    ['Ctrl+B', '\u0002', 'left'],
    ['Right', '\u001b[C', 'right'],
    ['Right', '\u001bOC', 'right'],
    ['Ctrl+F', '\u0006', 'right'],
    ['Alt+B', '\u001bb', 'word-left'],
    ['Ctrl+Left', '\u001b[1;5D', 'word-left'],
    ['Alt+Left', '\u001b[1;3D', 'word-left'],
    ['Alt+F', '\u001bf', 'word-right'],
    ['Ctrl+Right', '\u001b[1;5C', 'word-right'],
    ['Alt+Right', '\u001b[1;3C', 'word-right'],
    ['Ctrl+A', '\u0001', 'line-start'],
    ['Home', '\u001b[H', 'line-start'],
    ['Home', '\u001bOH', 'line-start'],
    ['Home', '\u001b[1~', 'line-start'],
    ['Home', '\u001b[7~', 'line-start'],
    ['Ctrl+E', '\u0005', 'line-end'],
    ['End', '\u001b[F', 'line-end'],
    ['End', '\u001bOF', 'line-end'],
    ['End', '\u001b[4~', 'line-end'],
    ['End', '\u001b[8~', 'line-end'],
    ['Ctrl+K', '\u000b', 'kill-to-end'],
    ['Ctrl+U', '\u0015', 'kill-to-start'],
    ['Ctrl+W', '\u0017', 'kill-word-back'],
    ['Alt+Backspace', '\u001b\u007f', 'kill-word-back'],
    ['Alt+D', '\u001bd', 'kill-word-forward'],
    ['Ctrl+Y', '\u0019', 'yank'],
    ['Up', '\u001b[A', 'history-back'],
    ['Up', '\u001bOA', 'history-back'],
    ['Ctrl+P', '\u0010', 'history-back'],
    ['Down', '\u001b[B', 'history-forward'],
    ['Down', '\u001bOB', 'history-forward'],
    ['Ctrl+N', '\u000e', 'history-forward'],
    ['Ctrl+R', '\u0012', 'reverse-search'],
    ['Tab', '\t', 'complete'],
    ['Ctrl+C', '\u0003', 'interrupt'],
    ['Esc', '\u001b', 'cancel'],
    ['Ctrl+L', '\u000c', 'redraw'],
    ['paste start', '\u001b[200~', 'paste-start'],
    ['paste end', '\u001b[201~', 'paste-end'],
  ];

  it.each(keyTable)('%s (%j) is %s', (_name, bytes, action) => {
    expect(readKeys(bytes, false)).toEqual([{ kind: 'key', action }]);
  });

  it('the bindings are exactly these keys, named as the table names them', () => {
    expect(keyBindings.flatMap((binding) => binding.keys.map(([name, bytes]) => [name, bytes, binding.action]))).toEqual(keyTable);
  });

  it('drops a control byte that is bound to nothing, keeping the text around it', () => {
    expect(readKeys('a\u001cb', false)).toEqual([{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }]);
    expect(readKeys('\u001c', false)).toEqual([]);
  });

  it('reads lone or repeated Enters as keys, not as a pasted blank line', () => {
    expect(readKeys('\r\r', false)).toEqual([{ kind: 'key', action: 'submit' }, { kind: 'key', action: 'submit' }]);
    expect(readKeys('\n\r', false)).toEqual([{ kind: 'key', action: 'newline' }, { kind: 'key', action: 'submit' }]);
  });

  it('keeps a pasted chunk without a trailing Enter as text only, a lone CR inside it a newline', () => {
    expect(readKeys('one\rtwo\r\nthree', false)).toEqual([{ kind: 'text', text: 'one\ntwo\nthree' }]);
    expect(readKeys('\r\n', true)).toEqual([{ kind: 'text', text: '\n' }]);
    expect(readKeys('\u001b[200~', true)).toEqual([{ kind: 'text', text: '\u001b[200~' }]);
  });

  it('/help lists every bound action with help, its first two key names, without those its text names', () => {
    expect(keyHelp).toEqual([
      ['Enter', 'send (while a question runs: queue it)'],
      ['Ctrl+J, Alt+Enter', 'new line (Shift+Enter where the terminal reports it)'],
      ['Backspace, Ctrl+H', 'delete the character before the cursor'],
      ['Delete', 'delete the character under the cursor'],
      ['Ctrl+D', 'delete under the cursor; on an empty prompt, quit'],
      ['Alt+B, Ctrl+Left', 'back one word'],
      ['Alt+F, Ctrl+Right', 'forward one word'],
      ['Ctrl+A', 'start of the line (Home)'],
      ['Ctrl+E', 'end of the line (End)'],
      ['Ctrl+K', 'cut to the end of the line'],
      ['Ctrl+U', 'cut to the start of the line'],
      ['Ctrl+W, Alt+Backspace', 'cut the word before the cursor'],
      ['Alt+D', 'cut the word after the cursor'],
      ['Ctrl+Y', 'paste what was cut last'],
      ['Up, Ctrl+P', 'earlier inputs (Down: later)'],
      ['Ctrl+R', 'search earlier inputs (again: older match)'],
      ['Tab', 'complete a /command'],
      ['Ctrl+C', 'cancel the question, or clear the line; twice within 2 s quits'],
      ['Esc', 'cancel the running question, a search, a form or the sign-in'],
      ['Ctrl+L', 'clear and redraw the screen'],
    ]);
  });
});
