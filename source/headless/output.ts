import type { CliIo } from '../cli/program.js';
import { QchatError, UsageError } from '../errors.js';

/** Writes a user-facing error: `{"error": {...}}` in JSON mode, one line on stderr otherwise. */
export function writeError(io: CliIo, json: boolean, error: QchatError): number {
  if (json) io.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
  else io.stderr.write(`qchat: ${error.message}\n`);
  return error.exitCode;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Width for plain-text tables: the terminal's, else COLUMNS, else 100. */
export function outputWidth(io: CliIo): number {
  const columns = (io.stdout as { columns?: number }).columns ?? Number(io.env.COLUMNS);
  return Number.isFinite(columns) && columns >= 20 ? columns : 100;
}

/**
 * All of stdin as text (invalid UTF-8 replaced, not fatal), refusing more than `limit` bytes with
 * `tooLarge` so a runaway pipe cannot exhaust memory. A terminal on stdin is `missing`.
 */
export async function readStdinText(io: CliIo, limit: number, messages: { missing: string; tooLarge: string }): Promise<string> {
  if (io.stdinIsTTY) throw new UsageError(messages.missing);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw new UsageError(messages.tooLarge);
    chunks.push(buffer);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
