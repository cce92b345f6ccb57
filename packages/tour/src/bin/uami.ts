#!/usr/bin/env node
import { main } from '../cli/main.js'

// Exit as soon as the command is done: idle keep-alive sockets of the SDK clients would otherwise hold the process
// for seconds. Everything the tour started (samples, emulator) is stopped by then, and stdout/stderr writes are
// synchronous for files and pipes.
process.exit(await main(process.argv.slice(2)))
