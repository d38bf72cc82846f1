import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingVariable } from '../source/storage/operation-record.js';
import { labelOf, readRecords, ungrounded } from './helpers/operation-check.js';

/**
 * The grounding rule over the whole run: every test process, and every dist/cli.js child it
 * spawns (they inherit the variable; test/helpers/cli.ts passes it to children given a clean
 * environment), records each AWS operation qchat sends and the sandbox serves. When the run ends,
 * each distinct record is checked against the public models (test/helpers/operation-check.ts);
 * one that is not there fails the run, listed, so `npm test` exits non-zero.
 */
let dir: string | undefined;

export function setup(): void {
  dir = mkdtempSync(join(tmpdir(), 'qchat-operations-'));
  process.env[recordingVariable] = dir;
}

export function teardown(): void {
  if (!dir) return;
  const records = readRecords(dir);
  const problems = ungrounded(records);
  if (problems.length > 0) {
    throw new Error(`${problems.length} AWS operation(s) sent or served in this run are in no public model (records kept in ${dir}):\n${problems.join('\n')}`);
  }
  const names = (side: string) => [...new Set(records.filter((record) => record.side === side).map((record) => labelOf(record).split(' (')[0]!.replace(`${side} `, '')))].sort();
  const [sent, served] = [names('sent'), names('served')];
  process.stdout.write(
    `Grounding: ${sent.length} operations sent and ${served.length} served in this run, each in a public model (botocore's, or the Amazon Q Developer client's).\n` +
      (records.length > 0 ? `  sent: ${sent.join(', ')}\n  served: ${served.join(', ')}\n` : ''),
  );
  rmSync(dir, { recursive: true, force: true });
}
