import type { CliIo } from '../cli/program.js';
import { QchatError } from '../errors.js';

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
