/** Columns to lay out for: a pty with no size reports 0 (or nothing), which means 80, as for a terminal that says nothing. */
export function terminalWidth(columns: number | undefined): number {
  return columns && columns > 0 ? Math.max(20, columns) : 80;
}
