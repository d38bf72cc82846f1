import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { safeText } from '../present/terminal-text.js';
import type { CliIo } from './io.js';
import { errorJson, errorText, exitCodeOf, QchatError, UsageError } from '../errors.js';

/**
 * Writes a user-facing error and returns its exit code: `{"error": {"code", "message", "remedy",
 * "details"}}` in JSON mode, one line on stderr otherwise. Messages quote file names, settings and
 * AWS replies, so the text form is made safe to draw.
 */
export function writeError(io: CliIo, json: boolean, error: QchatError, { lines = false } = {}): number {
  if (json) writeJson(io, { error: errorJson(error) }, { lines });
  else io.stderr.write(`qchat: ${safeText(errorText(error, 'shell'), { keepNewlines: true })}\n`);
  return exitCodeOf(error);
}

/** `qchat: warning: …` on stderr, safe to draw (warnings quote files and AWS replies too). */
export function writeWarning(io: Pick<CliIo, 'stderr'>, warning: string): void {
  io.stderr.write(`qchat: warning: ${safeText(warning, { keepNewlines: true })}\n`);
}

/**
 * Writes the warnings gathered so far and takes them off the list, so each shows once: a session
 * gathers more while it works (a corrupt usage file is found when a request is counted).
 */
export function writeWarnings(io: Pick<CliIo, 'stderr'>, warnings: string[]): void {
  for (const warning of warnings.splice(0)) writeWarning(io, warning);
}

/**
 * Characters JSON may carry raw that a terminal acts on or that reorder text: DEL, the C1 controls
 * (U+009B is CSI, U+009D OSC), bidi marks, embeddings, overrides and isolates, and the line and
 * paragraph separators. JSON.stringify escapes only C0; a consumer that prints a field would pass
 * these to its terminal.
 */
const unsafeInJson = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON (indented, or one line) with those characters written as `\u` escapes: the same value for a JSON
 * parser, nothing raw for a terminal. They occur only inside strings, where an escape is valid.
 */
function toSafeJson(value: unknown, indent: number | undefined): string {
  return escapeUnsafeInJson(JSON.stringify(value, null, indent));
}

function escapeUnsafeInJson(json: string): string {
  return json.replace(unsafeInJson, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A stream for JSON that others serialise (history list, show and export): the same escapes as writeJson. */
export function jsonSafe(stream: NodeJS.WritableStream): Writable {
  const decoder = new StringDecoder('utf8');
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      stream.write(escapeUnsafeInJson(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
      done();
    },
  });
}

/** Indented JSON; with `lines`, one value per line (JSON lines, for several answers in a row). */
export function writeJson(io: CliIo, value: unknown, { lines = false } = {}): void {
  io.stdout.write(`${toSafeJson(value, lines ? undefined : 2)}\n`);
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

/** A stream that draws what is written to it safely: for text made of stored strings (history). */
export function terminalSafe(stream: NodeJS.WritableStream): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      stream.write(safeText(chunk.toString(), { keepNewlines: true }));
      done();
    },
  });
}

/** Runs a headless command: a QchatError becomes its message (`{"error": …}` with --json) and its exit code. */
export async function reportErrors(io: CliIo, json: boolean, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof QchatError) return writeError(io, json, error);
    throw error;
  }
}
