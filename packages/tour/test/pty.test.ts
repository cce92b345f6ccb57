import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UAMI_BIN } from './helpers/cli.js'
import {
  drawnSegments,
  parseWithBash,
  printedCommands,
  screenLines,
  WIDE_CHARACTER,
} from './helpers/terminal.js'

let work: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'uami-pty-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** Strips ANSI escape sequences (colours, cursor moves) from terminal output. */
function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '')
}

/**
 * Starts the tour in a pseudo-terminal of `columns` × 40: util-linux `script` gives it a real TTY on stdin and
 * stdout (`-e` returns its exit code). No CI variable: with CI set the tour would (rightly) not ask anything.
 */
function terminal(cwd: string, columns: number) {
  const command = `stty cols ${columns} rows 40; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(UAMI_BIN)}`
  return execa('script', ['-qefc', command, '/dev/null'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', HOME: cwd },
    extendEnv: false,
    stdin: 'pipe',
    reject: false,
    timeout: 240_000,
  })
}

type Terminal = ReturnType<typeof terminal>

const DOWN = '\x1b[B'
const ENTER = '\r'

/**
 * Answers prompts in order: each answer is typed when its prompt becomes the active one (clack draws it with ◆).
 * `before(index, raw)` runs before an answer is typed, so a test can act while the tour waits.
 */
function answer(
  tour: Terminal,
  script: readonly (readonly [prompt: string, keys: string])[],
  before: (index: number, raw: string) => Promise<void> = async () => {},
): { output: () => string; done: Promise<void> } {
  let raw = ''
  let next = 0
  let searchFrom = 0
  let busy = false
  const done = new Promise<void>((resolve, reject) => {
    const step = () => {
      if (busy) return
      const entry = script[next]
      if (!entry) return resolve()
      const screen = plain(raw)
      const at = screen.indexOf(`◆  ${entry[0]}`, searchFrom)
      if (at < 0) return
      busy = true
      searchFrom = at + 1
      const index = next
      next++
      before(index, raw).then(
        () => {
          tour.stdin?.write(entry[1])
          busy = false
          step()
        },
        (error: unknown) => reject(error),
      )
    }
    tour.stdout?.on('data', (chunk: Buffer) => {
      raw += chunk.toString()
      step()
    })
    tour.then(() =>
      next < script.length ? reject(new Error(`the tour ended at prompt ${next}`)) : resolve(),
    )
  })
  return { output: () => raw, done }
}

/** The session of one width: walk all three samples, then "what goes wrong: not attached", then quit. */
function session(): (readonly [string, string])[] {
  const steps = [
    '1/9',
    '2/9',
    ...Array.from({ length: 3 }, () => [3, 4, 5, 6, 7, 8, 9].map((n) => `${n}/9`)).flat(),
  ]
  return [
    ['What would you like to do?', ENTER],
    ['Which sample?', `${DOWN.repeat(3)}${ENTER}`],
    ...steps.map((position) => [`Run step ${position}?`, ENTER] as const),
    ['What would you like to do?', `${DOWN.repeat(2)}${ENTER}`],
    ['Which mistake?', ENTER],
    ['On which sample?', ENTER],
    ['Apply the fix?', ENTER],
    ['What would you like to do?', `${DOWN.repeat(4)}${ENTER}`],
  ]
}

describe('the tour in a pseudo-terminal', () => {
  it('shows the first prompt and exits cleanly (130, emulator stopped) on Ctrl-C', async () => {
    const cwd = join(work, 'ctrl-c')
    await execa('mkdir', ['-p', cwd])
    const tour = terminal(cwd, 120)
    let seen = ''
    await new Promise<void>((resolve, reject) => {
      tour.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString()
        if (plain(seen).includes('What would you like to do?')) resolve()
      })
      tour.catch(reject)
      setTimeout(() => reject(new Error(`no prompt within 60 s; saw: ${plain(seen)}`)), 60_000).unref()
    })
    const screen = plain(seen)
    expect(screen).toContain('uami — user-assigned managed identity, step by step, on the local emulator')
    expect(screen).toContain('Walk through a sample, step by step')
    expect(screen).toContain('What goes wrong')

    tour.stdin?.write('\x03')
    const result = await tour
    expect(result.exitCode).toBe(130)
    expect(plain(String(result.stdout))).toContain('You cancelled the prompt.')

    // The emulator released its state directory: another run can start on it right away.
    const again = await execa(process.execPath, [UAMI_BIN, '--sample', 'app-service'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', CI: 'true', NO_COLOR: '1' },
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
      timeout: 90_000,
    })
    expect(again.exitCode).toBe(0)
  }, 150_000)

  it.each([80, 120])(
    'at %i columns: every line fits, every az command pastes as one command with Azure values, the fixes are filled in, and the doctor runs by hand',
    async (columns) => {
      const cwd = join(work, `walk-${columns}`)
      await execa('mkdir', ['-p', cwd])
      const tour = terminal(cwd, columns)
      const script = session()
      let doctorByHand: { exitCode: number | undefined; stdout: string; stderr: string } | undefined
      const driver = answer(tour, script, async (index, sofar) => {
        // At the last menu the samples and the emulator still run: run the doctor as the tour says to.
        if (index !== script.length - 1) return
        const lines = screenLines(sofar)
        const [command] = printedCommands(lines, /^\(set -a && \. /).slice(-1)
        if (!command) throw new Error('the tour printed no command to run the doctor yourself')
        const result = await execa('/bin/bash', ['--noprofile', '--norc', '-c', command.typed], {
          cwd,
          env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1' },
          extendEnv: false,
          reject: false,
          timeout: 60_000,
        })
        doctorByHand = {
          exitCode: result.exitCode,
          stdout: String(result.stdout),
          stderr: String(result.stderr),
        }
      })
      await driver.done
      const result = await tour
      expect(result.exitCode).toBe(0)
      const raw = driver.output()

      // 1. No line is wider than the terminal (strip escapes; the spinner's redraws after \r count one by one).
      const drawn = drawnSegments(raw)
      expect(drawn.filter((segment) => WIDE_CHARACTER.test(segment))).toEqual([])
      expect(drawn.filter((segment) => [...segment].length > columns)).toEqual([])

      // 2. Every az command, its continuations joined, is ONE command to bash — checked without running anything.
      const lines = screenLines(raw)
      const commands = printedCommands(lines, /^\s*az /)
      expect(commands.length).toBeGreaterThanOrEqual(30)
      for (const command of commands) {
        const parsed = await parseWithBash(command.joined)
        expect({ command: command.typed, ...parsed, count: parsed.calls.length }).toMatchObject({
          syntaxOk: true,
          count: 1,
        })
        const args = parsed.calls[0] ?? []
        // A resource ID cut at a "/" is whole again once joined.
        for (const arg of args.filter((each) => each.startsWith('/subscriptions/')))
          expect(arg).toMatch(
            /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/\s]+(\/providers\/[^\s\\]+)?$/i,
          )
        // Nothing of it was left behind: the line after it is no stray continuation (an indented option).
        expect({ command: command.typed, next: lines[command.lastLine + 1] ?? '' }).not.toMatchObject({
          next: expect.stringMatching(/^\s+(--?[a-z]|\/)/),
        })
        // Commands for Azure carry Azure's values, never the emulator's loopback address.
        expect(args.join(' ')).not.toMatch(/127\.0\.0\.1|localhost/)
      }

      // 3. Step 7's command for each sample sets the store's azconfig.io endpoint.
      const configure = commands.filter((command) =>
        /^az (webapp config appsettings set|containerapp update|vm run-command invoke)/.test(command.joined),
      )
      expect(configure.length).toBeGreaterThanOrEqual(3)
      for (const command of configure.slice(0, 3))
        expect(command.joined).toMatch(/APP_CONFIG_ENDPOINT=https:\/\/appcs-uami-[0-9a-f]{6}\.azconfig\.io\b/)
      // … and the local value is shown too, labelled.
      expect(lines.join('\n')).toMatch(/locally: APP_CONFIG_ENDPOINT=https:\/\/127\.0\.0\.1:\d+/)

      // 4. "Not attached": the sample's own answer names the identity's real resource ID, no <placeholder>.
      const text = lines.join('\n')
      const detach = commands.find((command) => command.joined.startsWith('az webapp identity remove'))
      const identityId = (await parseWithBash(detach?.joined ?? '')).calls[0]?.at(-1) ?? ''
      expect(identityId).toMatch(/\/userAssignedIdentities\/id-uami-app-service$/)
      const reports = lines.findIndex((line) => line.includes('The sample reports (GET /readyz → 503)'))
      const doctorAt = lines.findIndex((line, index) => index > reports && line.startsWith('uami doctor — '))
      const answerLines = lines.slice(reports, doctorAt)
      const answerText = answerLines.join('\n')
      expect(answerText).toContain('UAMI_CRED_IDENTITY_NOT_ATTACHED')
      expect(answerText).not.toMatch(/<[a-z-]+>/)
      const [attach] = printedCommands(answerLines, /^\s*az webapp identity assign /)
      expect((await parseWithBash(attach?.joined ?? '')).calls[0]?.at(-1)).toBe(identityId)
      // The sample, the doctor and the tour's fix give the same filled-in command (-g/-n are short for
      // --resource-group/--name).
      const long = (args: readonly string[]) =>
        args.map((arg) => (arg === '-g' ? '--resource-group' : arg === '-n' ? '--name' : arg))
      const attaches = await Promise.all(
        commands
          .filter((command) => command.joined.startsWith('az webapp identity assign '))
          .map(async (command) => JSON.stringify(long((await parseWithBash(command.joined)).calls[0] ?? []))),
      )
      expect(attaches.length).toBeGreaterThanOrEqual(3)
      expect(new Set(attaches.slice(-3)).size).toBe(1)
      // message says what failed and why; the command is only in the fix.
      const message = answerText.slice(answerText.indexOf('message:'), answerText.indexOf('fix:'))
      expect(message).not.toContain('az ')

      // 5. The summary lists every sample verified; finished steps carry ✔, never the active prompt's ◆.
      for (const sample of ['app-service', 'container-apps', 'vm'])
        expect(text).toMatch(new RegExp(`^${sample}(\\s|$)`, 'm'))
      expect(text).not.toMatch(/^◆ {2}(created|reused|attached|assigned|signed in)/m)
      expect(text).toMatch(/^✔ {2}created id-uami-vm/m)

      // 6. The doctor, run by hand with the command the tour printed, passes every check; no secret is printed.
      expect(doctorByHand?.exitCode).toBe(0)
      expect(doctorByHand?.stdout).toContain('All checks passed.')
      const hostEnv = await readFile(join(cwd, '.uami', 'app-service.env'), 'utf8')
      const secret = /^IDENTITY_HEADER='?([^'\n]+)'?$/m.exec(hostEnv)?.[1] ?? ''
      expect(secret.length).toBeGreaterThan(8)
      expect(raw).not.toContain(secret)
      expect(doctorByHand?.stdout).not.toContain(secret)
    },
    300_000,
  )
})
