/**
 * A part of the suite that could not run prints one unindented `SKIP suite/part: why` line, next to
 * the PASS/FAIL lines (the harness has report and check only; a skip is neither a figure nor a
 * result, and must not pass for one).
 */
export function skipLine(text: string): void {
  console.log(`SKIP ${text}`);
}
