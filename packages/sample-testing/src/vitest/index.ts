/**
 * The scenarios every sample runs, as vitest tests: the wiring test (`inject`, no emulator) and the end-to-end
 * test against the local emulator. This entry imports vitest: use it from test files only. The helpers they are
 * made of are in the package's main entry, which does not.
 *
 * @packageDocumentation
 */
export type { SampleEndToEndOptions } from './end-to-end.js'
export { describeSampleEndToEnd } from './end-to-end.js'
export type { SampleWiringOptions } from './wiring.js'
export { describeSampleWiring } from './wiring.js'
