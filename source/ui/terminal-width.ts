/** Columns to lay out for: a pty with no size reports 0 (or nothing), which means 80, as for a terminal that says nothing. */
export function terminalWidth(columns: number | undefined): number {
  return columns && columns > 0 ? Math.max(20, columns) : 80;
}

/** Rows, likewise: 0 or nothing means 24, the size a terminal that says nothing is taken to have. */
export function terminalHeight(rows: number | undefined): number {
  return rows && rows > 0 ? rows : 24;
}

/**
 * The output stream as Ink should see it: a terminal of 0 columns and 0 rows (a pty nobody sized)
 * reads as 80 × 24. Ink lays out at `columns` (at 0, one character a line) and redraws the whole
 * screen, scrollback cleared, whenever its output is as tall as `rows` (at 0, every frame).
 * Everything else is the stream itself.
 */
export function sizedOutput<T extends NodeJS.WriteStream>(stream: T): T {
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'columns') return terminalWidth(target.columns);
      if (property === 'rows') return terminalHeight(target.rows);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
