import { Box } from 'ink';
import { Text } from './safe-text.js';
import type { HeaderInfo } from '../state/chat-state.js';

/** One line: who, account, tier and profile, region, cross-region, and a sandbox marker. */
export function Header({ info }: { info: HeaderInfo }) {
  const crossRegion = info.crossRegion === undefined ? 'ask' : info.crossRegion ? 'on' : 'off';
  return (
    <Box flexDirection="column">
      {info.notice ? <Text dimColor>{info.notice}</Text> : null}
      <Text wrap="truncate-end">
      <Text bold>qchat</Text>
      {info.sandboxUser ? <Text color="yellow"> [sandbox]</Text> : null}
      <Text> · {info.user ?? 'not signed in'}</Text>
      <Text> · {info.account}</Text>
      {info.tier ? <Text color={info.tier === 'pro' ? 'green' : undefined}> · {info.tier === 'pro' ? 'Pro' : 'Free'}</Text> : null}
      {info.profile ? <Text> ({info.profile})</Text> : null}
      <Text> · {info.region}</Text>
      <Text dimColor> · cross-region {crossRegion}</Text>
      </Text>
    </Box>
  );
}
