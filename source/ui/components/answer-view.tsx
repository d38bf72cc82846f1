import { Box, Text } from 'ink';
import type { Answer } from '../../answer/answer.js';
import { formatMoney } from '../../answer/format.js';
import { summarizeCalls } from '../../present/answer-text.js';
import { barLines, fitTable, sparkline } from '../../present/layout.js';
import { safeText } from '../../present/terminal-text.js';

/** A structured answer: summary, analysis and steps, table fitted to the width, chart, totals, failures, notes, calls. */
export function AnswerView({ answer, width }: { answer: Answer; width: number }) {
  const chart = answer.chart;
  const format = (value: number) => (chart?.unit === 'resources' ? String(value) : formatMoney(value, chart?.unit ?? 'USD'));
  const table = answer.table && answer.table.rows.length > 0 ? fitTable(answer.table.columns, answer.table.rows, width) : [];
  const chartLines = chart && chart.points.length > 1 ? (chart.kind === 'series' && chart.points.length > 40 ? [`${safeText(chart.points[0]!.label)} ${sparkline(chart.points.map((p) => p.value))} ${safeText(chart.points.at(-1)!.label)}`] : barLines(chart.points, format, width)) : [];
  return (
    <Box flexDirection="column">
      <Text bold>{safeText(answer.summary)}</Text>
      {answer.analysis ? <Text>{safeText(answer.analysis, { keepNewlines: true })}</Text> : null}
      {answer.steps?.map((step, i) => (
        <Text key={i}>
          {i + 1}. {safeText(step)}
        </Text>
      ))}
      {table.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{table[0]}</Text>
          <Text dimColor>{table[1]}</Text>
          {table.slice(2).map((line, i) => (
            <Text key={i}>{line}</Text>
          ))}
          {answer.table?.note ? <Text dimColor>({safeText(answer.table.note)})</Text> : null}
        </Box>
      ) : null}
      {chartLines.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          {chartLines.map((line, i) => (
            <Text key={i} color="cyan">
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
      {answer.totals && answer.totals.length > 0 && (answer.table || answer.totals.length > 1) ? (
        <Box flexDirection="column" marginTop={1}>
          {answer.totals.map((total) => (
            <Text key={total.label}>
              {safeText(total.label)}: <Text bold>{safeText(formatMoney(total.amount, total.unit))}</Text>
            </Text>
          ))}
        </Box>
      ) : null}
      {answer.failures.map((failure) => (
        <Text key={failure.region} color="red">
          ✗ {safeText(`${failure.region}: ${failure.message} (${failure.code})`)}
        </Text>
      ))}
      {answer.warnings.map((warning, i) => (
        <Text key={i} color="yellow">
          ! {safeText(warning)}
        </Text>
      ))}
      {answer.calls.length > 0 ? <Text dimColor>Calls: {summarizeCalls(answer)} (/calls lists each)</Text> : null}
    </Box>
  );
}
