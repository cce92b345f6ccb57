import { request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { spawnSample } from '@uami/sample-testing'
import { cpuTimeMs } from './process-cpu.js'
import type { ChildRegistry } from './processes.js'

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
  /** The path whose first 200 means ready. Default `/readyz` (a baseline server has no such route). */
  readonly readyPath?: string
}

/** A sample that answered `/readyz` 200, with how long that took. */
export interface ReadySample {
  readonly pid: number
  /** `http://127.0.0.1:<port>`, from Fastify's `Server listening at` line. */
  readonly url: string
  /** Spawn → the `Server listening at` line (Node start, imports, listen). */
  readonly listeningMs: number
  /** Spawn → the first 200 on the ready path (for a sample: the token obtained and the settings loaded). */
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

const POLL_MS = 5

/**
 * Spawns `node <entry>` in the sample's folder with exactly `env` (`spawnSample` from `@uami/sample-testing`, keeping
 * its last 200 lines), and times it: spawn → listening → `/readyz` 200 (polled every 5 ms over a fresh
 * connection). The child is registered so that it is stopped by PID whatever happens.
 *
 * @param options - Folder, entry, environment, registry.
 * @returns The ready sample.
 * @throws {@link SampleStartError} when it exits first or is not ready within the timeout (it is stopped then).
 */
export async function startSample(options: StartSampleOptions): Promise<ReadySample> {
  const timeoutMs = options.timeoutMs ?? 20_000
  const started = performance.now()
  const child = spawnSample({ sampleDir: options.dir, entry: options.entry, env: options.env, maxLines: 200 })
  options.registry.add(child.childProcess)
  const failure = (problem: string): SampleStartError =>
    new SampleStartError(`${options.entry} in ${options.dir} ${problem}`, child.tail(30))
  const exited = child.exited.then((exit) => {
    throw failure(`exited (code ${exit.code}, signal ${exit.signal}) before /readyz answered 200.`)
  })
  exited.catch(() => {})
  const deadline = sleep(timeoutMs, undefined, { ref: false }).then(() => {
    throw failure(`did not answer /readyz 200 within ${timeoutMs} ms.`)
  })
  // listening() rejects too when the child exits first or is slow, with the output in its message: report the
  // benchmark's own error instead, which keeps the output apart from the message.
  const listening = child.listening(timeoutMs).catch(() => Promise.race([exited, deadline]))
  const polling = new AbortController()
  try {
    const url = await Promise.race([listening, exited, deadline])
    const listeningMs = performance.now() - started
    await Promise.race([
      untilReady(`${url}${options.readyPath ?? '/readyz'}`, polling.signal),
      exited,
      deadline,
    ])
    const readyMs = performance.now() - started
    const cpuMs = await cpuTimeMs(child.pid)
    return {
      pid: child.pid,
      url,
      listeningMs,
      readyMs,
      cpuMs,
      stop: async () => {
        await child.stop()
      },
    }
  } catch (error) {
    await child.stop()
    throw error
  } finally {
    polling.abort()
  }
}

async function untilReady(url: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted && (await status(url)) !== 200) await sleep(POLL_MS)
}

/** A response as {@link fetchResponse} read it. */
export interface RawResponse {
  readonly status: number
  readonly contentType: string
  readonly body: Buffer
}

/**
 * GET over a fresh connection, keeping the body's exact bytes (a baseline answers the same bytes).
 *
 * @param url - The URL.
 * @param headers - Request headers.
 * @returns Status, `content-type` and body.
 * @throws The connection error when the request failed.
 */
export function fetchResponse(
  url: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close', ...headers } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks),
        }),
      )
    })
    req.on('error', reject)
    req.end()
  })
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
