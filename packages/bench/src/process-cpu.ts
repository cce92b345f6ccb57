import { readFile } from 'node:fs/promises'

/** Linux's clock tick for `/proc/<pid>/stat` times (`getconf CLK_TCK`; 100 on every common kernel). */
const TICKS_PER_SECOND = 100

/**
 * The CPU time a running process has used so far (user + system, all its threads), from `/proc/<pid>/stat`. A
 * start-up's CPU time does not grow when other work competes for the CPUs, unlike its wall time: it tells a slow
 * machine from a slow program.
 *
 * @param pid - The process ID.
 * @returns Milliseconds of CPU time, or `undefined` where `/proc` is not available (not Linux) or the process is gone.
 */
export async function cpuTimeMs(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  if (stat === undefined) return undefined
  // Fields after the parenthesised command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const user = Number(fields[11])
  const system = Number(fields[12])
  if (!Number.isFinite(user) || !Number.isFinite(system)) return undefined
  return ((user + system) * 1000) / TICKS_PER_SECOND
}
