import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UAMI_BIN } from './helpers/cli.js'

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

describe('the tour in a pseudo-terminal', () => {
  it('shows the first prompt and exits cleanly (130, emulator stopped) on Ctrl-C', async () => {
    // util-linux `script` gives the CLI a real TTY on stdin and stdout; -e returns the CLI's exit code.
    // A new pseudo-terminal has no size; give it one as a terminal window would.
    const command = `stty cols 120 rows 40; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(UAMI_BIN)}`
    const terminal = execa('script', ['-qefc', command, '/dev/null'], {
      cwd: work,
      // No CI variable: with CI set the tour would (rightly) not ask anything.
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', HOME: work },
      extendEnv: false,
      stdin: 'pipe',
      reject: false,
      timeout: 90_000,
    })
    let seen = ''
    await new Promise<void>((resolve, reject) => {
      terminal.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString()
        if (plain(seen).includes('What would you like to do?')) resolve()
      })
      terminal.catch(reject)
      setTimeout(() => reject(new Error(`no prompt within 60 s; saw: ${plain(seen)}`)), 60_000).unref()
    })
    const screen = plain(seen)
    expect(screen).toContain('uami — user-assigned managed identity, step by step, on the local emulator')
    expect(screen).toContain('Walk through a sample, step by step')
    expect(screen).toContain('What goes wrong')

    terminal.stdin?.write('\x03')
    const result = await terminal
    expect(result.exitCode).toBe(130)
    expect(plain(String(result.stdout))).toContain('You cancelled the prompt.')

    // The emulator released its state directory: another run can start on it right away.
    const again = await execa(process.execPath, [UAMI_BIN, '--sample', 'app-service'], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', CI: 'true', NO_COLOR: '1' },
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
      timeout: 90_000,
    })
    expect(again.exitCode).toBe(0)
  }, 150_000)
})
