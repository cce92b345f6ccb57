#!/usr/bin/env node
// The `uami-emulator` command. npm links a package's bin only when the file exists at install time, and `dist/`
// does not exist right after `npm ci`; this committed launcher always does, so `npx uami-emulator` works from the
// repository root once the package is built (turbo builds it before tests; `npm run build` does it by hand).
import { existsSync } from 'node:fs'
import { requireNode } from './check-node.cjs'

requireNode('uami-emulator', '22.12')

const entry = new URL('../dist/bin/uami-emulator.js', import.meta.url)
if (!existsSync(entry)) {
  console.error(
    'uami-emulator: the emulator is not built yet. Run `npm run build` at the repository root (or `npm run build -w @uami/emulator`), then try again.',
  )
  process.exit(1)
}
await import(entry.href)
