import { Box } from 'ink';
import { Text, type TextProps } from './safe-text.js';
import type { Answer } from '../../answer/answer.js';
import { layoutAnswer } from '../../present/answer-layout.js';
import { lineWidth, type Line, type SpanStyle } from '../../present/spans.js';
import { theme } from '../theme.js';

/** How each style of the answer layout looks in the chat. */
const looks: Record<SpanStyle, TextProps> = {
  plain: {},
  heading: { bold: true },
  muted: { dimColor: true },
  warning: { color: theme.warning },
  error: { color: theme.error },
  amount: { bold: true },
  chart: { color: theme.accent },
  code: { color: theme.accent },
};

/**
 * Laid-out lines, each span a <Text> in its style (inside `look`, the whole text's). A line wider
 * than the screen holds a command or ARN that must not break: its box is as wide as it, so the
 * terminal shows it whole. An empty line is a space, as Ink draws an empty <Text> as no line at all.
 */
export function SpanLines({ lines, width, look = {} }: { lines: Line[]; width: number; look?: TextProps }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, j) => (
        <Box key={j} {...(lineWidth(line) > width ? { width: lineWidth(line) } : {})}>
          <Text wrap="truncate-end" {...look}>
            {line.length === 0 ? ' ' : null}
            {line.map((span, k) => (
              <Text key={k} {...looks[span.style]}>
                {span.text}
              </Text>
            ))}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

/** A structured answer, laid out by present/answer-layout (already wrapped and fitted to the width): each section a block. */
export function AnswerView({ answer, width, tableRows }: { answer: Answer; width: number; tableRows: number }) {
  const sections = layoutAnswer(answer, { width, tableRows, wrap: true, callsHint: '(/calls lists each)', moreRows: "say 'show all' for every row" });
  return (
    <Box flexDirection="column">
      {sections.map((section, i) => (
        <Box key={section.kind} flexDirection="column" marginTop={i === 0 ? 0 : 1}>
          <SpanLines lines={section.lines} width={width} />
        </Box>
      ))}
    </Box>
  );
}
