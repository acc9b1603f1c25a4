import { cpus, totalmem, platform, release } from 'node:os';

/** One line naming the machine and runtime, printed first so pasted results carry it. */
export function machineSummary(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${Math.round(totalmem() / 1024 ** 3)} GiB`;
  return `machine: ${model} x${cpu.length}, ${memory}, ${platform()} ${release()}, Node ${process.version}; date: ${new Date().toISOString()}`;
}
