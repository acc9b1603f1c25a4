// CPU time of another process (Linux /proc), so a load run can say how much server CPU each request
// cost: unlike requests per second, that figure hardly moves when neighbours load the machine.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every Linux in use). */
const TICKS_PER_SECOND = 100;

/** User + system CPU ms the process has used so far, or null where /proc is not available. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Runs `fn` and returns its result with the CPU ms `pid` used meanwhile (null without /proc). */
export async function withProcessCpu<T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; cpuMs: number | null }> {
  const before = processCpuMs(pid);
  const result = await fn();
  const after = processCpuMs(pid);
  return { result, cpuMs: before === null || after === null ? null : after - before };
}
