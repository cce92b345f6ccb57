#!/usr/bin/env node
// The `uami` command. npm links a package's bin only when the file exists at install time, and `dist/` does not
// exist right after `npm ci`; this committed launcher always does, so `npx uami` works from the repository root once
// the tour is built (`npm start` and turbo build it; `npm run build` does it by hand).
import { existsSync } from 'node:fs'

const entry = new URL('../dist/bin/uami.js', import.meta.url)
if (!existsSync(entry)) {
  console.error(
    'uami: the tour is not built yet. Run `npm run build` at the repository root (or `npm run build -w @uami/tour`), then try again.',
  )
  process.exit(1)
}
await import(entry.href)
