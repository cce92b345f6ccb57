#!/usr/bin/env node
/**
 * `uami-emulator`: the local Azure emulator's command line (`start`, `env`). See `uami-emulator --help`.
 *
 * @packageDocumentation
 */
import { main } from './cli.js'

// A closed pipe (e.g. `uami-emulator env ... | head -1`) must not crash the process with EPIPE.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined)

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
