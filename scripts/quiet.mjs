// Runs a command and shows its output only when it fails. `npm start` builds the tour with it, so that turbo's
// banner and run summary ("• turbo 2.x", "Packages in scope", "Tasks: …") do not come before the tour, while a
// failing build still shows its errors (and its exit code). Usage: node scripts/quiet.mjs <command> [args…]
import { spawn } from 'node:child_process'

const [command, ...args] = process.argv.slice(2)
if (command === undefined) {
  console.error('usage: node scripts/quiet.mjs <command> [args...]')
  process.exit(2)
}
const chunks = []
// A shell on Windows only, where npm's bins are .cmd files; the arguments are ours, not user input.
const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' })
child.stdout.on('data', (chunk) => chunks.push(chunk))
child.stderr.on('data', (chunk) => chunks.push(chunk))
child.on('error', (error) => {
  console.error(`${command}: ${error.message}`)
  process.exit(1)
})
child.on('close', (code, signal) => {
  if (code === 0) return
  process.stderr.write(Buffer.concat(chunks))
  process.exit(code ?? (signal ? 1 : 1))
})
