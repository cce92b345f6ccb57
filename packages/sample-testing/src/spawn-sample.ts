import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Options of {@link spawnSample}. */
export interface SpawnSampleOptions {
  /** The sample's folder (a path or `file:` URL). */
  readonly sampleDir: string | URL
  /** The script to run, relative to `sampleDir`: `dist/server.js` (built) or `dist/bundle/server.mjs` (bundle). */
  readonly entry: string
  /** The child's whole environment: nothing is inherited. */
  readonly env: Readonly<Record<string, string>>
  /** Keep only the last this many lines (a long run under load logs every request). Default: every line. */
  readonly maxLines?: number
}

/** How a child process ended. */
export interface SampleExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** A sample running as a child process, with everything it wrote. */
export interface SpawnedSample {
  /** The child's process ID. */
  readonly pid: number
  /** The child process itself, e.g. for a registry that stops every child on Ctrl-C. */
  readonly childProcess: ChildProcess
  /** Every line written to standard output and standard error so far, in order (the last `maxLines`). */
  readonly lines: readonly string[]
  /** Resolves when the child exits. */
  readonly exited: Promise<SampleExit>
  /**
   * The URL from Fastify's "Server listening at …" line; rejects when the child exits first, or after `timeoutMs`
   * (default 60 s: a bound for a loaded, shared machine, not a speed check).
   */
  listening(timeoutMs?: number): Promise<string>
  /** Sends SIGTERM by PID and waits for the exit (SIGKILL after 10 s). Idempotent. */
  stop(): Promise<SampleExit>
  /** The last `count` lines, for assertion messages. */
  tail(count?: number): string
}

const LISTENING = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/

function collect(child: ChildProcess, keep: (line: string) => void, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ''
    stream?.setEncoding('utf8')
    stream?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n')
      rest = parts.pop() ?? ''
      for (const line of parts) {
        keep(line)
        onLine(line)
      }
    })
    stream?.on('end', () => {
      if (rest !== '') keep(rest)
      rest = ''
    })
  }
}

function sendSignal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // Already gone: its 'exit' event is on its way.
  }
}

/**
 * Starts a built sample with `node <entry>` and exactly the environment given (the test passes what the host would
 * have: `emulator.hostEnv(hostId)`, the sample's variables and `PATH`). Collects its output; stop it with
 * {@link SpawnedSample.stop} in `afterEach`.
 *
 * @param options - Folder, entry and environment.
 * @returns The running child.
 * @example
 * ```ts
 * const child = spawnSample({ sampleDir, entry: 'dist/server.js', env })
 * const url = await child.listening()
 * ```
 */
export function spawnSample(options: SpawnSampleOptions): SpawnedSample {
  const cwd = options.sampleDir instanceof URL ? fileURLToPath(options.sampleDir) : options.sampleDir
  const child = spawn(process.execPath, [options.entry], {
    cwd,
    env: { ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY
  const keep = (line: string): void => {
    if (lines.push(line) > maxLines) lines.shift()
  }
  let url: string | undefined
  const waiters = new Set<(url: string) => void>()
  collect(child, keep, (line) => {
    const match = LISTENING.exec(line)
    if (url === undefined && match?.[1] !== undefined) {
      url = match[1]
      for (const waiter of waiters) waiter(url)
    }
  })
  let exit: SampleExit | undefined
  const exited = new Promise<SampleExit>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal }
      // Let the stream 'end' events flush the last lines first.
      setImmediate(() => resolve({ code, signal }))
    })
  })
  const tail = (count = 40): string => lines.slice(-count).join('\n')
  let stopping: Promise<SampleExit> | undefined
  return {
    pid: child.pid ?? -1,
    childProcess: child,
    lines,
    exited,
    tail,
    listening(timeoutMs = 60_000) {
      if (url !== undefined) return Promise.resolve(url)
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`The sample did not listen within ${timeoutMs} ms. Output:\n${tail()}`)),
          timeoutMs,
        )
        waiters.add((found) => {
          clearTimeout(timer)
          resolve(found)
        })
        void exited.then((result) => {
          clearTimeout(timer)
          reject(new Error(`The sample exited (code ${result.code}) before listening. Output:\n${tail()}`))
        })
      })
    },
    stop() {
      stopping ??= (async () => {
        if (exit !== undefined || child.pid === undefined) return exited
        const pid = child.pid
        sendSignal(pid, 'SIGTERM')
        const killer = setTimeout(() => {
          if (exit === undefined) sendSignal(pid, 'SIGKILL')
        }, 10_000)
        const result = await exited
        clearTimeout(killer)
        return result
      })()
      return stopping
    },
  }
}
