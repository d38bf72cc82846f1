import { describe, expect, it } from 'vitest';
import { cellWidth } from '../source/present/terminal-text.js';
import { keys, renderWithProviders } from './helpers/ui.js';

const ready = /› +Ask about your AWS account, or \/help\n/;

describe('a 60-column terminal', () => {
  it('a listing leaves out its low-value columns, says which, and keeps IDs and names whole', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders({ columns: 60, flags: { tableRows: 3 } });
    await waitFor(ready);
    await type('list ec2 instances in us-east-1');
    await press(keys.enter);
    const shown = await waitFor('left out to fit 60 columns');
    const turn = shown.slice(shown.indexOf('› list ec2'), shown.indexOf('Calls:'));
    expect(turn).toMatchSnapshot('narrow-listing');
    expect(turn).toContain('(Type and Zone left out to fit 60 columns)');
    expect(turn).not.toContain('…');
    expect(frame().split('\n').every((line) => cellWidth(line) <= 60)).toBe(true);
    ui.unmount();
  });
});
