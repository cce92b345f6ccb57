/**
 * Test helpers for the samples, without vitest (the benchmark uses them too): local Azure on the emulator,
 * provisioning a sample, the environment of a sample process, spawning a built sample and waiting for it, polling,
 * leak scanning and README snippet checks. The vitest scenarios made of them are in `@uami/sample-testing/vitest`.
 *
 * @packageDocumentation
 */

export type { TourMismatch } from './code-tour.js'
export { checkCodeTour } from './code-tour.js'
export type { CopiedSample } from './copy-out.js'
export { copySampleOut } from './copy-out.js'
export { bareEnvironment, childEnvironment } from './env.js'
export { EXAMPLE_IDENTIFIERS } from './example-identifiers.js'
export { expectedAttachCommand, expectedProof, expectedRoleCommand } from './expected-fixes.js'
export type { LocalAzure } from './local-azure.js'
export { startLocalAzure } from './local-azure.js'
export type { ForbiddenInLogs } from './log-scan.js'
export { findLeaks } from './log-scan.js'
export type { JsonResponse, PollOptions } from './poll.js'
export { getJson, pollUntil } from './poll.js'
export type { ProvisionLocalSampleOptions } from './provision-local-sample.js'
export { MESSAGE_KEY, provisionLocalSample, SENTINEL_KEY } from './provision-local-sample.js'
export type { SnippetMismatch } from './readme-snippets.js'
export { checkReadmeSnippets, extractRegion } from './readme-snippets.js'
export type { SampleUnderTest } from './sample.js'
export type { SampleExit, SpawnedSample, SpawnSampleOptions } from './spawn-sample.js'
export { spawnSample } from './spawn-sample.js'
