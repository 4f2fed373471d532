/** CPU time of this process and its threads, from /proc (Linux; NaN or empty elsewhere). */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) of this process's main thread so far, from /proc (Linux). */
export function mainThreadCpuSeconds(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of every thread of this process so far, by thread id and name (Linux /proc). */
export function threadCpuSeconds(): Map<string, number> {
  const threads = new Map<string, number>();
  try {
    for (const id of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(`${id} ${name}`, (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // not Linux: no per-thread breakdown
  }
  return threads;
}

/** `MMM_THREAD_CPU=1`: each thread's CPU seconds in the timed region, to stderr (where wasm's wall goes). */
export function reportThreadCpu(before: Map<string, number>): void {
  const lines = [...threadCpuSeconds()]
    .map(([thread, seconds]) => ({ thread, seconds: seconds - (before.get(thread) ?? 0) }))
    .filter((entry) => entry.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds)
    .map((entry) => `  ${entry.seconds.toFixed(2)} s  ${entry.thread}`);
  process.stderr.write(`thread CPU in the timed region:\n${lines.join('\n')}\n`);
}
