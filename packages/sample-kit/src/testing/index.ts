/**
 * Test utilities for the samples: the shared end-to-end scenario against the local emulator, and the pieces it
 * is made of. Test code only — a separate entry, so that no sample bundle ever includes it.
 *
 * @packageDocumentation
 */
export { bareEnvironment, childEnvironment } from './env.js'
export { expectedAttachCommand, expectedProof, expectedRoleCommand } from './expected-fixes.js'
export type { LocalAzure } from './local-azure.js'
export { startLocalAzure } from './local-azure.js'
export type { ForbiddenInLogs } from './log-scan.js'
export { findLeaks } from './log-scan.js'
export type { JsonResponse, PollOptions } from './poll.js'
export { getJson, pollUntil } from './poll.js'
export type { SnippetMismatch } from './readme-snippets.js'
export { checkReadmeSnippets } from './readme-snippets.js'
export type { SampleEndToEndOptions } from './scenario.js'
export { describeSampleEndToEnd } from './scenario.js'
export type { SampleExit, SpawnedSample, SpawnSampleOptions } from './spawn-sample.js'
export { spawnSample } from './spawn-sample.js'
