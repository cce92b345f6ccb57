import { type ChildProcess, spawn } from 'node:child_process'
import { request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { cpuTimeMs } from './process-cpu.js'
import { type ChildRegistry, exitOf, stopChild } from './processes.js'

/** Options of {@link startSample}. */
export interface StartSampleOptions {
  /** The sample's folder (the child's working directory). */
  readonly dir: string
  /** The script, relative to `dir`: `dist/server.js` or `dist/bundle/server.mjs`. */
  readonly entry: string
  /** The child's whole environment: nothing is inherited. */
  readonly env: Readonly<Record<string, string>>
  readonly registry: ChildRegistry
  /** Give up when `/readyz` has not answered 200 after this long. Default 20 s. */
  readonly timeoutMs?: number
}

/** A sample that answered `/readyz` 200, with how long that took. */
export interface ReadySample {
  readonly pid: number
  /** `http://127.0.0.1:<port>`, from Fastify's `Server listening at` line. */
  readonly url: string
  /** Spawn → the `Server listening at` line (Node start, imports, listen). */
  readonly listeningMs: number
  /** Spawn → the first `/readyz` 200 (plus the token and the settings load). */
  readonly readyMs: number
  /** CPU time the process had used when it was ready (Linux; `undefined` elsewhere). */
  readonly cpuMs: number | undefined
  /** Stops it by PID (SIGTERM, then SIGKILL) and waits for the exit. */
  stop(): Promise<void>
}

/** Thrown when a sample exits or is not ready in time; `output` holds its last lines (never put in results). */
export class SampleStartError extends Error {
  override name = 'SampleStartError' as const
  readonly code = 'UAMI_BENCH_SAMPLE_START'
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message)
  }
}

const LISTENING = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/
const POLL_MS = 5

/**
 * Spawns `node <entry>` in the sample's folder with exactly `env`, and times it: spawn → listening → `/readyz`
 * 200 (polled every 5 ms over a fresh connection). The child is registered so that it is stopped by PID whatever
 * happens.
 *
 * @param options - Folder, entry, environment, registry.
 * @returns The ready sample.
 * @throws {@link SampleStartError} when it exits first or is not ready within the timeout (it is stopped then).
 */
export async function startSample(options: StartSampleOptions): Promise<ReadySample> {
  const timeoutMs = options.timeoutMs ?? 20_000
  const started = performance.now()
  const child = spawn(process.execPath, [options.entry], {
    cwd: options.dir,
    env: { ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  options.registry.add(child)
  const lines: string[] = []
  const listening = watchListening(child, lines)
  const exited = exitOf(child).then((exit) => {
    throw new SampleStartError(
      `${options.entry} in ${options.dir} exited (code ${exit.code}, signal ${exit.signal}) before /readyz answered 200.`,
      lines.slice(-30).join('\n'),
    )
  })
  exited.catch(() => {})
  const deadline = sleep(timeoutMs, undefined, { ref: false }).then(() => {
    throw new SampleStartError(
      `${options.entry} in ${options.dir} did not answer /readyz 200 within ${timeoutMs} ms.`,
      lines.slice(-30).join('\n'),
    )
  })
  const polling = new AbortController()
  try {
    const url = await Promise.race([listening, exited, deadline])
    const listeningMs = performance.now() - started
    await Promise.race([untilReady(url, polling.signal), exited, deadline])
    const readyMs = performance.now() - started
    const cpuMs = child.pid === undefined ? undefined : await cpuTimeMs(child.pid)
    return {
      pid: child.pid ?? -1,
      url,
      listeningMs,
      readyMs,
      cpuMs,
      stop: async () => {
        await stopChild(child)
      },
    }
  } catch (error) {
    await stopChild(child)
    throw error
  } finally {
    polling.abort()
  }
}

function watchListening(child: ChildProcess, lines: string[]): Promise<string> {
  return new Promise((resolve) => {
    for (const stream of [child.stdout, child.stderr]) {
      let rest = ''
      stream?.setEncoding('utf8')
      stream?.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n')
        rest = parts.pop() ?? ''
        for (const line of parts) {
          if (lines.push(line) > 200) lines.shift()
          const match = LISTENING.exec(line)
          if (match?.[1] !== undefined) resolve(match[1])
        }
      })
    }
  })
}

async function untilReady(url: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted && (await status(`${url}/readyz`)) !== 200) await sleep(POLL_MS)
}

/** GET over a fresh connection; 0 when the request failed. */
export function status(url: string, headers: Readonly<Record<string, string>> = {}): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers: { connection: 'close', ...headers } }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.end()
  })
}
