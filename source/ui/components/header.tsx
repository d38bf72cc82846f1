import { Box, Text } from 'ink';
import type { CallerIdentity } from '../../identity/caller-identity.js';

export interface HeaderProps {
  caller: CallerIdentity;
  region: string;
  sandboxUser: string | undefined;
  notice: string | undefined;
  user: string | undefined;
  tier: 'free' | 'pro' | undefined;
  profile: string | undefined;
}

export function Header({ caller, region, sandboxUser, notice, user, tier, profile }: HeaderProps) {
  return (
    <Box flexDirection="column">
      {notice ? <Text dimColor>{notice}</Text> : null}
      <Text wrap="truncate-end">
        <Text bold>qchat</Text>
        {sandboxUser ? <Text color="yellow"> [sandbox]</Text> : null}
        <Text> · {user ?? 'not signed in'}</Text>
        <Text> · {caller.accountId}</Text>
        {tier ? <Text color={tier === 'pro' ? 'green' : undefined}> · {tier === 'pro' ? 'Pro' : 'Free'}</Text> : null}
        {profile ? <Text> ({profile})</Text> : null}
        <Text> · {region}</Text>
      </Text>
    </Box>
  );
}
