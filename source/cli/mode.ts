/** The one place that decides whether qchat runs the interactive chat or stays headless. */
export function isInteractive(io: { stdinIsTTY: boolean | undefined; stdoutIsTTY: boolean | undefined; env: NodeJS.ProcessEnv }): boolean {
  const ci = io.env.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return Boolean(io.stdinIsTTY && io.stdoutIsTTY) && !inCi;
}
