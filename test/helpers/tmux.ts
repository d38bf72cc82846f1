import { execFileSync } from 'node:child_process';

/** Whether tmux is installed here (CI installs it and sets QCHAT_REQUIRE_TMUX, so there nothing skips). */
export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
