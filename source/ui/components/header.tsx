import { Box, Text } from 'ink';
import type { CallerIdentity } from '../../identity/caller-identity.js';

export function Header({ caller, region, sandboxUser, notice }: { caller: CallerIdentity; region: string; sandboxUser: string | undefined; notice: string | undefined }) {
  return (
    <Box flexDirection="column">
      {notice ? <Text dimColor>{notice}</Text> : null}
      <Text>
        <Text bold>qchat</Text>
        {sandboxUser ? <Text color="yellow"> [sandbox]</Text> : null}
        <Text> · account {caller.accountId} · {region}</Text>
      </Text>
      <Text dimColor wrap="truncate-end">{caller.arn}</Text>
    </Box>
  );
}
