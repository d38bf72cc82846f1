import { Box } from 'ink';
import { Text } from './safe-text.js';
import type { SignInPrompt } from '../../identity/oidc.js';
import { useKeys } from '../hooks/use-keys.js';
import { theme } from '../theme.js';
import { Busy } from './busy.js';

/** The sign-in: the page to open (and, for the device flow, the code to confirm), and a waiting indicator; Esc cancels. */
export function SignInScreen({ prompt, reason, onCancel }: { prompt: SignInPrompt | undefined; reason: string; onCancel: () => void }) {
  useKeys((event) => {
    if (event.kind === 'key' && (event.action === 'cancel' || event.action === 'interrupt')) onCancel();
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Sign in with IAM Identity Center</Text>
      <Text>{reason}</Text>
      {prompt ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>{prompt.kind === 'device' ? 'Open this page and approve the request:' : 'Open this page in a browser on this computer and approve the request:'}</Text>
          <Text color={theme.accent}>{prompt.kind === 'device' ? prompt.verificationUriComplete : prompt.authorizeUrl}</Text>
          <Text>
            {prompt.kind === 'device' ? (
              <>
                Code: <Text bold>{prompt.userCode}</Text>{' '}
              </>
            ) : null}
            (expires {prompt.expiresAt.toISOString().slice(11, 16)} UTC)
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
