import { describe, expect, it } from 'vitest';
import { fitFooter, footerParts } from '../source/ui/components/footer.js';
import type { HeaderInfo } from '../source/ui/state/chat-state.js';
import { PassThrough } from 'node:stream';
import { sizedOutput, terminalWidth } from '../source/ui/terminal-width.js';

const info: HeaderInfo = { user: 'alice@example.com', account: '111122223333', tier: 'pro', profile: 'example-corp-pro', region: 'eu-central-1', crossRegion: true, sandboxUser: 'alice', notice: undefined };
const line = (width: number) => fitFooter(footerParts(info), width).map((part) => part.text).join(' · ');

describe('the footer on narrow terminals', () => {
  it('shows everything when it fits', () => {
    expect(line(120)).toBe('qchat · [sandbox] · alice@example.com · 111122223333 · Pro · (example-corp-pro) · eu-central-1 · cross-region on');
  });

  it('drops parts from the left and keeps tier, region and cross-region state', () => {
    expect(line(75)).toBe('111122223333 · Pro · (example-corp-pro) · eu-central-1 · cross-region on');
    expect(line(60)).toBe('Pro · (example-corp-pro) · eu-central-1 · cross-region on');
    expect(line(40)).toBe('Pro · eu-central-1 · cross-region on');
    expect(line(10)).toBe('Pro · eu-central-1 · cross-region on');
  });

  it('says Pro only on a tier without cross-region questions', () => {
    expect(footerParts({ ...info, tier: 'free', crossRegion: 'not-on-tier' }).at(-1)!.text).toBe('cross-region Pro only');
  });
});

describe('terminal width', () => {
  it('is 80 when the terminal reports 0 or nothing', () => {
    expect(terminalWidth(0)).toBe(80);
    expect(terminalWidth(undefined)).toBe(80);
    expect(terminalWidth(132)).toBe(132);
    expect(terminalWidth(8)).toBe(20);
  });
});

describe('the output stream Ink is given', () => {
  it('reads as 80 × 24 when the pty has no size, and is the stream itself otherwise', () => {
    const written: string[] = [];
    const stream = Object.assign(new PassThrough(), { columns: 0, rows: 0, isTTY: true }) as unknown as NodeJS.WriteStream;
    stream.on('data', (chunk: Buffer) => written.push(String(chunk)));
    const sized = sizedOutput(stream);
    expect([sized.columns, sized.rows, sized.isTTY]).toEqual([80, 24, true]);
    Object.assign(stream, { columns: 132, rows: 50 });
    expect([sized.columns, sized.rows]).toEqual([132, 50]);
    sized.write('frame');
    expect(written).toEqual(['frame']);
    let resized = 0;
    sized.on('resize', () => resized++);
    stream.emit('resize');
    expect(resized).toBe(1);
  });
});
