import { describe, expect, it } from 'vitest';
import { editorReducer, emptyEditor, type EditorAction, type EditorState } from '../source/ui/state/editor.js';

const at = (value: string, cursor = value.length, extra: Partial<EditorState> = {}): EditorState => ({ ...emptyEditor, value, cursor, ...extra });
const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);
const shown = (state: EditorState) => `${state.value.slice(0, state.cursor)}|${state.value.slice(state.cursor)}`;

describe('editor reducer', () => {
  it.each<[string, EditorState, EditorAction, string]>([
    ['backspace deletes before the cursor', at('abc', 2), { type: 'backspace' }, 'a|c'],
    ['backspace at the start does nothing', at('abc', 0), { type: 'backspace' }, '|abc'],
    ['delete-forward deletes under the cursor', at('abc', 1), { type: 'delete-forward' }, 'a|c'],
    ['delete-forward at the end does nothing', at('abc'), { type: 'delete-forward' }, 'abc|'],
    ['word-left skips punctuation then a word', at('list s3-buckets now', 15), { type: 'word-left' }, 'list s3-|buckets now'],
    ['word-right goes to the end of the next word', at('list s3 buckets', 4), { type: 'word-right' }, 'list s3| buckets'],
    ['line-start in a second line stops at that line', at('one\ntwo', 6), { type: 'line-start' }, 'one\n|two'],
    ['line-end in a first line stops before the newline', at('one\ntwo', 1), { type: 'line-end' }, 'one|\ntwo'],
    ['kill-to-end cuts the rest of the line', at('one two\nthree', 3), { type: 'kill-to-end' }, 'one|\nthree'],
    ['kill-to-end at a line end joins the next line', at('one\ntwo', 3), { type: 'kill-to-end' }, 'one|two'],
    ['kill-to-start cuts back to the line start', at('one two', 4), { type: 'kill-to-start' }, '|two'],
    ['kill-word-back cuts to whitespace (unix-word-rubout)', at('aws s3-ls  ', 11), { type: 'kill-word-back' }, 'aws |'],
    ['kill-word-forward cuts the next word', at('aws s3 ls', 3), { type: 'kill-word-forward' }, 'aws| ls'],
    ['history-back in a second line moves up a line first', at('abc\nde', 6, { history: ['old'], historyIndex: 1 }), { type: 'history-back' }, 'ab|c\nde'],
    ['history-forward in a first line moves down a line first', at('abc\nde', 1, { history: ['old'], historyIndex: 1 }), { type: 'history-forward' }, 'abc\nd|e'],
  ])('%s', (_name, state, action, expected) => {
    expect(shown(editorReducer(state, action))).toBe(expected);
  });

  it('yank puts back what was cut last, where the cursor is', () => {
    const state = run(at('how many vpcs'), { type: 'kill-word-back' }, { type: 'line-start' }, { type: 'yank' });
    expect(shown(state)).toBe('vpcs|how many ');
    expect(run(at('x'), { type: 'yank' })).toEqual(at('x'));
  });

  it('submit sends the line, dedupes it in the history and resets the draft', () => {
    const state = run(at('b', 1, { history: ['b', 'a'], historyIndex: 2 }), { type: 'submit' });
    expect(state).toMatchObject({ value: '', cursor: 0, history: ['a', 'b'], historyIndex: 2, outbox: 'b' });
    expect(run(at('   '), { type: 'submit' }).outbox).toBeUndefined();
  });

  it('history-back and forward keep the unfinished draft', () => {
    const start = at('draft', 5, { history: ['one', 'two'], historyIndex: 2 });
    const back = run(start, { type: 'history-back' }, { type: 'history-back' });
    expect(back.value).toBe('one');
    expect(run(back, { type: 'history-back' }).value).toBe('one');
    expect(run(back, { type: 'history-forward' }, { type: 'history-forward' }).value).toBe('draft');
  });

  it('clear empties the line and leaves history browsing', () => {
    expect(run(at('abc', 1, { history: ['x'], historyIndex: 0 }), { type: 'clear' })).toMatchObject({ value: '', cursor: 0, historyIndex: 1 });
  });

  it('reverse search: typing narrows, again steps older, backspace widens, any other key accepts and acts', () => {
    const history = ['how many vpcs', 'top services', 'how many subnets'];
    const searching = run(at('', 0, { history, historyIndex: 3 }), { type: 'reverse-search' }, { type: 'insert', text: 'many' });
    expect(searching.search).toEqual({ query: 'many', match: 2 });
    const older = run(searching, { type: 'reverse-search' });
    expect(older.search).toEqual({ query: 'many', match: 0 });
    expect(run(older, { type: 'reverse-search' }).search).toEqual({ query: 'many', match: 0 });
    expect(run(older, { type: 'backspace' }).search).toEqual({ query: 'man', match: 2 });
    const accepted = run(older, { type: 'line-start' });
    expect(accepted).toMatchObject({ search: undefined, value: 'how many vpcs', cursor: 0 });
    expect(run(older, { type: 'search-cancel' })).toMatchObject({ search: undefined, value: '' });
    expect(run(older, { type: 'submit' }).outbox).toBe('how many vpcs');
  });

  it('complete fills a unique /command and the common prefix of several', () => {
    expect(run(at('/he'), { type: 'complete' }).value).toBe('/help ');
    expect(run(at('/h'), { type: 'complete' }).value).toBe('/h');
    expect(run(at('/re'), { type: 'complete' }).value).toBe('/re');
    expect(run(at('hello'), { type: 'complete' }).value).toBe('hello');
  });

  it('load-history replaces the list and points past its end', () => {
    expect(run(emptyEditor, { type: 'load-history', history: ['a', 'b'] })).toMatchObject({ history: ['a', 'b'], historyIndex: 2 });
  });
});
