/** The streams and environment a headless command runs with; the CLI passes the process's, tests their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdinIsTTY: boolean | undefined;
  stdoutIsTTY: boolean | undefined;
  env: NodeJS.ProcessEnv;
}
