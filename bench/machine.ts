import { cpus, loadavg, totalmem, platform, release } from 'node:os';

/** One line naming the machine and runtime, printed first so pasted results carry it. */
export function machineSummary(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${Math.round(totalmem() / 1024 ** 3)} GiB`;
  return `machine: ${model} x${cpu.length}, ${memory}, ${platform()} ${release()}, Node ${process.version}; date: ${new Date().toISOString()}`;
}

/**
 * A warning when other processes keep the CPUs busy: timings then vary by a factor of two or
 * more between samples, whatever the clock, and the targets near their limits may flip.
 */
export function loadWarning(): string | null {
  const [oneMinute = 0] = loadavg();
  const cores = cpus().length;
  if (oneMinute <= cores * 0.75) return null;
  return `warning: load average ${oneMinute.toFixed(1)} on ${cores} CPUs: other processes are running; figures will be noisy (run again on an idle machine for numbers to publish)`;
}
