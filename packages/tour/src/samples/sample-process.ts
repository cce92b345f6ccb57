import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { execa } from 'execa'
import { CancelledError } from '../errors/cancelled-error.js'
import { SampleExitedError, SampleNotBuiltError } from '../errors/sample-errors.js'
import type { ChildProcesses } from './children.js'
import { getJson, type SampleAnswer } from './sample-http.js'

/** A sample server the tour started. */
export interface RunningSample {
  readonly name: string
  readonly pid: number
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  /** The exact environment it runs with (the doctor runs with the same). */
  readonly env: Readonly<Record<string, string>>
  /** The last lines it printed (its logs), for error messages. */
  output(): string
  /** Set once it has exited. */
  exitCode(): number | undefined | null
  stop(): Promise<void>
}

/** Options of {@link startSample}. */
export interface StartSampleOptions {
  name: string
  /** The built server, `samples/<id>/dist/server.js`. */
  server: string
  env: Record<string, string>
  port: number
  children: ChildProcesses
  signal: AbortSignal
  /** How long to wait for `/healthz`. Default 20000. */
  startTimeoutMs?: number | undefined
}

/**
 * Starts a sample's built server as a child process with exactly `env` (nothing inherited), registers it so
 * Ctrl-C stops it by PID, and waits until `/healthz` answers.
 *
 * @throws {@link SampleNotBuiltError} when `server` does not exist; {@link SampleExitedError} (with what the
 *   sample printed) when it stops on its own first.
 */
export async function startSample(options: StartSampleOptions): Promise<RunningSample> {
  if (!existsSync(options.server)) throw new SampleNotBuiltError(options.name, options.server)
  const env = { ...options.env, PORT: String(options.port), HOST: '127.0.0.1' }
  const subprocess = execa(process.execPath, [options.server], {
    cwd: dirname(dirname(options.server)),
    env,
    extendEnv: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    cleanup: true,
  })
  const pid = subprocess.pid
  if (pid === undefined) throw new SampleExitedError(options.name, undefined, 'it could not be started')
  const lines: string[] = []
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    if (lines.length > 200) lines.splice(0, lines.length - 200)
  }
  subprocess.stdout?.on('data', collect)
  subprocess.stderr?.on('data', collect)
  let code: number | undefined | null = null
  const exited = subprocess.then((result) => {
    code = result.exitCode
    return result
  })
  options.children.add({ pid, name: options.name, exited })
  const url = `http://127.0.0.1:${options.port}`
  const running: RunningSample = {
    name: options.name,
    pid,
    url,
    env,
    output: () => summarizeOutput(lines),
    exitCode: () => code,
    stop: () => options.children.stop(pid),
  }
  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000)
  while (Date.now() < deadline) {
    if (options.signal.aborted) throw new CancelledError()
    if (code !== null) throw new SampleExitedError(options.name, code, running.output())
    try {
      const answer = await getJson(url, '/healthz', 1000)
      if (answer.status === 200) return running
    } catch {
      // not listening yet
    }
    await sleep(50)
  }
  await running.stop()
  throw new SampleExitedError(options.name, undefined, `no answer on ${url}/healthz: ${running.output()}`)
}

/**
 * Polls `/readyz` until it answers 200 or `timeoutMs` passes; returns the last answer either way.
 * `onAnswer` sees each answer (the tour shows the first 503 body in "what goes wrong").
 */
export async function waitForReady(
  sample: RunningSample,
  options: {
    timeoutMs: number
    signal: AbortSignal
    intervalMs?: number
    onAnswer?: (answer: SampleAnswer) => void
  },
): Promise<SampleAnswer> {
  const deadline = Date.now() + options.timeoutMs
  let last: SampleAnswer = { status: 0, body: 'no answer' }
  for (;;) {
    if (options.signal.aborted) throw new CancelledError()
    const code = sample.exitCode()
    if (code !== null) throw new SampleExitedError(sample.name, code, sample.output())
    try {
      last = await getJson(sample.url, '/readyz')
      options.onAnswer?.(last)
      if (last.status === 200) return last
    } catch (error) {
      last = { status: 0, body: (error as Error).message }
    }
    if (Date.now() >= deadline) return last
    await sleep(options.intervalMs ?? 200)
  }
}

/** The sample's last log lines, reduced to their messages (pino JSON lines keep `msg` and error code/message). */
function summarizeOutput(lines: readonly string[]): string {
  return lines
    .slice(-8)
    .map((line) => {
      try {
        const entry = JSON.parse(line) as {
          msg?: string
          err?: { code?: string; message?: string }
          error?: { code?: string; message?: string }
        }
        const error = entry.err ?? entry.error
        return [entry.msg, error?.code, error?.message].filter(Boolean).join(' — ')
      } catch {
        return line
      }
    })
    .filter(Boolean)
    .join('\n')
}

/**
 * Polls `/readyz` until the sample either is ready (200) or reports a coded error (a `UAMI_…` code in the body) —
 * what "what goes wrong" shows — or `timeoutMs` passes. Returns the last answer.
 */
export async function waitForReport(
  sample: RunningSample,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<SampleAnswer> {
  const controller = new AbortController()
  const signal = AbortSignal.any([options.signal, controller.signal])
  let reported: SampleAnswer | undefined
  try {
    const last = await waitForReady(sample, {
      timeoutMs: options.timeoutMs,
      signal,
      onAnswer: (answer) => {
        if (answer.status !== 200 && /UAMI_[A-Z_]+/.test(JSON.stringify(answer.body))) {
          reported = answer
          controller.abort()
        }
      },
    })
    return last
  } catch (error) {
    if (reported && !options.signal.aborted) return reported
    throw error
  }
}
