import { Box } from 'ink';
import { Text } from './safe-text.js';
import type { DevicePrompt } from '../../identity/device-sign-in.js';
import { useKeys } from '../hooks/use-keys.js';
import { theme } from '../theme.js';
import { Busy } from './busy.js';

/** The device sign-in: where to go, the code to confirm, and a waiting indicator; Esc cancels. */
export function SignInScreen({ prompt, reason, onCancel }: { prompt: DevicePrompt | undefined; reason: string; onCancel: () => void }) {
  useKeys((event) => {
    if (event.kind === 'key' && (event.action === 'cancel' || event.action === 'interrupt')) onCancel();
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Sign in with IAM Identity Center</Text>
      <Text>{reason}</Text>
      {prompt ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>Open this page and approve the request:</Text>
          <Text color={theme.accent}>{prompt.verificationUriComplete}</Text>
          <Text>
            Code: <Text bold>{prompt.userCode}</Text> (expires {prompt.expiresAt.toISOString().slice(11, 16)} UTC)
          </Text>
          <Box marginTop={1}>
            <Busy label="Waiting for approval… (Esc cancels)" />
          </Box>
        </Box>
      ) : (
        <Busy label="Starting the sign-in…" />
      )}
    </Box>
  );
}
