#!/usr/bin/env node
import { requireNode } from '@uami/emulator/check-node'

// Before anything else is loaded: on an older Node.js the tour's dependencies fail with a stack trace.
requireNode('uami', '22.19')
const { main } = await import('../cli/main.js')

// Exit as soon as the command is done: idle keep-alive sockets of the SDK clients would otherwise hold the process
// for seconds. Everything the tour started (samples, emulator) is stopped by then, and stdout/stderr writes are
// synchronous for files and pipes.
process.exit(await main(process.argv.slice(2)))
