// Runs a command (the root `npm test`: turbo run lint typecheck test) and checks that it leaves no process behind.
// While the command runs it takes a census of its process tree from /proc every 200 ms (so it also knows the
// processes that later leave the tree: a detached child re-parented to init, an `npm install` whose test timed
// out), and every process it starts carries the variable UAMI_TEST_RUN=<random id> unless a test gave it an
// environment of its own. When the command has exited, every process seen in the tree that is still alive and every
// process with the marker is a leftover: it is listed, killed by PID (it was started by this run) and the check
// fails. Prints one line of counts either way.
//
// Usage: node scripts/no-leftover-processes.mjs <command> [args...]
// Linux only (/proc); elsewhere it runs the command and says the check was not made.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const MARKER = 'UAMI_TEST_RUN'
const POLL_MS = 200
/** Processes may still be on their way out when the command exits (a child's SIGTERM in flight): wait this long. */
const SETTLE_MS = 3_000

/**
 * Every process of this machine that /proc shows: pid, parent, start time (clock ticks since boot: with the pid it
 * names a process even after its pid is reused), state and command line.
 * @returns {Map<number, { ppid: number, start: string, state: string }>}
 */
function processTable() {
  /** @type {Map<number, { ppid: number, start: string, state: string }>} */
  const table = new Map()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    let stat
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8')
    } catch {
      continue // exited meanwhile
    }
    // The command name is in parentheses and may contain spaces or parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    table.set(Number(name), { state: fields[0] ?? '?', ppid: Number(fields[1]), start: fields[19] ?? '' })
  }
  return table
}

/** @param {number} pid */
function commandLine(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
    return text.length > 160 ? `${text.slice(0, 157)}...` : text
  } catch {
    return '?'
  }
}

/** @param {number} pid @param {string} marker */
function hasMarker(pid, marker) {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${MARKER}=${marker}`)
  } catch {
    return false
  }
}

/**
 * The processes below `root` in `table`.
 * @param {Map<number, { ppid: number }>} table
 * @param {number} root
 */
function descendants(table, root) {
  /** @type {Map<number, number[]>} */
  const children = new Map()
  for (const [pid, { ppid }] of table) {
    const list = children.get(ppid) ?? []
    list.push(pid)
    children.set(ppid, list)
  }
  const found = []
  const queue = [...(children.get(root) ?? [])]
  while (queue.length > 0) {
    const pid = /** @type {number} */ (queue.shift())
    found.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return found
}

/**
 * The processes still alive (not zombies) among those seen, plus those that carry the marker.
 * @param {Map<string, { pid: number, start: string, command: string }>} seen
 * @param {string} marker
 */
function leftovers(seen, marker) {
  const table = processTable()
  /** @type {Map<number, string>} */
  const alive = new Map()
  for (const { pid, start, command } of seen.values()) {
    const now = table.get(pid)
    if (now !== undefined && now.start === start && now.state !== 'Z') alive.set(pid, command)
  }
  for (const [pid, { state }] of table) {
    if (pid !== process.pid && state !== 'Z' && !alive.has(pid) && hasMarker(pid, marker)) {
      alive.set(pid, commandLine(pid))
    }
  }
  return alive
}

async function main() {
  const [command, ...args] = process.argv.slice(2)
  if (command === undefined) {
    console.error('usage: node scripts/no-leftover-processes.mjs <command> [args...]')
    process.exit(2)
  }
  const marker = randomUUID()
  const hasProc = existsSync('/proc/self/stat')
  // What runs below this process before the command starts (none, unless something is wrong).
  const before = hasProc ? descendants(processTable(), process.pid).length : 0
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, [MARKER]: marker } })
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }))
    child.on('error', (error) => {
      console.error(`no-leftover-processes: ${error.message}`)
      resolve({ code: 127, signal: null })
    })
  })
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => child.kill(signal))
  }
  if (!hasProc) {
    const { code } = await exited
    process.stdout.write('processes: not counted (no /proc on this system)\n')
    process.exit(code ?? 1)
  }

  /** @type {Map<string, { pid: number, start: string, command: string }>} */
  const seen = new Map()
  let peak = 0
  const census = () => {
    const table = processTable()
    const tree = descendants(table, process.pid)
    peak = Math.max(peak, tree.length)
    for (const pid of tree) {
      const entry = table.get(pid)
      if (entry === undefined) continue
      const key = `${pid}:${entry.start}`
      if (!seen.has(key)) seen.set(key, { pid, start: entry.start, command: commandLine(pid) })
    }
  }
  let done = false
  const result = exited.then((value) => {
    done = true
    return value
  })
  while (!done) {
    census()
    await Promise.race([sleep(POLL_MS), result])
  }
  const { code, signal } = await result

  let left = leftovers(seen, marker)
  const deadline = Date.now() + SETTLE_MS
  while (left.size > 0 && Date.now() < deadline) {
    await sleep(100)
    left = leftovers(seen, marker)
  }
  const started = seen.size
  if (left.size === 0) {
    process.stdout.write(
      `processes: ${before} before, ${started} started by the run (at most ${peak} at once), 0 left running\n`,
    )
    process.exit(code ?? (signal ? 1 : 0))
  }
  console.error(
    `processes: ${before} before, ${started} started by the run, ${left.size} LEFT RUNNING after it exited:`,
  )
  for (const [pid, line] of left) {
    console.error(`  pid ${pid}: ${line}`)
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone meanwhile
    }
  }
  console.error('no-leftover-processes: killed them (by PID); a test or hook did not stop what it started.')
  process.exit(1)
}

await main()
