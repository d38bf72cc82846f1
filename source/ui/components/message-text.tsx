import { commandSpans } from '../../present/commands-in-text.js';
import { wrapLine, type Line, type SpanStyle } from '../../present/spans.js';
import { theme } from '../theme.js';
import { SpanLines } from './answer-view.js';

/** A message's lines wrapped to the width as answers are: a command in it (commands-in-text.ts) is a code span, never broken across lines. */
export function messageLines(text: string, style: SpanStyle, width: number): Line[] {
  return text ? text.split('\n').flatMap((line) => wrapLine(commandSpans(line, style), width)) : [];
}

/** A message (already safe to draw), so that what the terminal shows of a command can be copied and run. */
export function MessageText({ text, style, width }: { text: string; style: SpanStyle; width: number }) {
  return <SpanLines lines={messageLines(text, style, width)} width={width} />;
}

/** A question as it was asked (already safe to draw), in the prompt's colour: wrapped at spaces, a URL or ARN in it kept whole. */
export function QuestionText({ question, width }: { question: string; width: number }) {
  const lines = `› ${question}`.split('\n').flatMap((line) => wrapLine([{ text: line, style: 'plain' }], width));
  return <SpanLines lines={lines} width={width} look={{ color: theme.prompt }} />;
}
