/** CPU and memory of a process, read from /proc (Linux). */
import * as fs from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK; 100 on every Linux we run on.

/** utime and stime of a process in microseconds (resolution: one clock tick, 10 ms). */
export function processCpu(pid: number): { user: number; system: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = 1_000_000 / CLOCK_TICKS_PER_SECOND;
  return { user: Number(fields[11]) * tick, system: Number(fields[12]) * tick };
}

/** Bytes of the files under a directory (the store's footprint on disk). */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) total += directoryBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).blocks * 512;
  }
  return total;
}

export interface MemoryStatus {
  /** Peak resident set size (VmHWM), MB. */
  peakMb: number;
  rssMb: number;
  anonMb: number;
  fileMb: number;
}

export function memoryStatus(pid: number | 'self'): MemoryStatus {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  };
  return { peakMb: kb('VmHWM'), rssMb: kb('VmRSS'), anonMb: kb('RssAnon'), fileMb: kb('RssFile') };
}

export function clientCpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** CPU time, in microseconds, that the whole machine spent busy (all CPUs, /proc/stat). */
export function machineBusyMicros(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  // cpu user nice system idle iowait irq softirq steal ...
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}
