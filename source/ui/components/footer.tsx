import { Box } from 'ink';
import { Text } from './safe-text.js';
import { wrapLine } from '../../present/spans.js';
import { cellWidth, safeText } from '../../present/terminal-text.js';
import type { HeaderInfo } from '../state/chat-state.js';
import { theme } from '../theme.js';

type Part = { text: string; color?: string; dim?: boolean; keep?: boolean; tight?: boolean };

/** The footer's parts in order; `keep` marks what a narrow terminal never drops (tier, region, cross-region). */
export function footerParts(info: HeaderInfo): Part[] {
  const crossRegion = info.crossRegion === 'not-on-tier' ? 'Pro only' : info.crossRegion === undefined ? 'ask' : info.crossRegion ? 'on' : 'off';
  return [
    { text: 'qchat' },
    ...(info.sandboxUser ? [{ text: '[sandbox]', color: theme.sandbox, tight: true }] : []),
    { text: info.user ?? 'not signed in' },
    { text: info.account },
    ...(info.tier ? [{ text: info.tier === 'pro' ? 'Pro' : 'Free', color: info.tier === 'pro' ? theme.pro : undefined, keep: true }] : []),
    ...(info.profile ? [{ text: `(${info.profile})`, tight: true }] : []),
    { text: info.region, keep: true },
    { text: `cross-region ${crossRegion}`, dim: true, keep: true },
  ];
}

const separator = (part: Part, i: number) => (i === 0 ? '' : part.tight ? ' ' : ' · ');

/** Drops parts from the left (never a kept one) until the line fits `width` cells. */
export function fitFooter(parts: Part[], width: number): Part[] {
  const fitted = [...parts];
  const widthOf = (list: Part[]) => list.reduce((sum, part, i) => sum + cellWidth(part.text) + separator(part, i).length, 0);
  while (widthOf(fitted) > width) {
    const drop = fitted.findIndex((part) => !part.keep);
    if (drop === -1) break;
    fitted.splice(drop, 1);
  }
  return fitted;
}

/** One line under the prompt: who, account, tier and profile, region, cross-region, and a sandbox marker. */
export function Footer({ info, width }: { info: HeaderInfo; width: number }) {
  const parts = fitFooter(footerParts(info), width);
  return (
    <Box flexDirection="column">
      {/* Wrapped here, as answers are: Ink's own wrap starts a broken line with the space it broke at. */}
      {info.notice
        ? wrapLine([{ text: safeText(info.notice), style: 'muted' }], width).map((line, i) => (
            <Text key={i} dimColor>
              {line.map((span) => span.text).join('')}
            </Text>
          ))
        : null}
      <Text wrap="truncate-start">
        {parts.map((part, i) => (
          <Text key={i} color={part.color} dimColor={part.dim} bold={part.text === 'qchat'}>
            {separator(part, i)}
            {part.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
