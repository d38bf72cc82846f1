import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Text } from '../source/ui/components/safe-text.js';

const hostile = 'a\u001b]52;c;cHduZWQ=\u0007b\u001b]0;title\u0007c\u001b]8;;https://evil.example\u001b\\d\u001b[31me\u0007f\u009b2Jg\u202eh\u2066i';
const inert = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []));
}

describe('one sanitizer at the rendering boundary', () => {
  it('no module but safe-text.tsx draws text with Ink’s own Text', () => {
    const offenders = sourceFiles('source').filter((file) => !file.endsWith(join('ui', 'components', 'safe-text.tsx')) && /import\s*\{[^}]*\bText\b[^}]*\}\s*from\s*'ink'/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('strips OSC 52, OSC 0, OSC 8, SGR, BEL, C1 and bidi controls from every string child', () => {
    const { lastFrame, unmount } = render(
      <Text>
        {hostile} {42} <Text bold>{hostile}</Text>
        <>{hostile}</>
      </Text>,
    );
    const frame = lastFrame() ?? '';
    expect(frame).not.toMatch(inert);
    expect(frame).toBe('abcdefghi 42 abcdefghiabcdefghi');
    unmount();
  });

  it('shows controls visibly where the text is what the user typed', () => {
    const { lastFrame, unmount } = render(<Text controls="show">{'x\u001b[2J\u0007\u007f\u009b\u202ey\nz'}</Text>);
    expect(lastFrame()).toBe('x␛[2J␇␡⟨U+009B⟩⟨U+202E⟩y\nz');
    unmount();
  });
});
