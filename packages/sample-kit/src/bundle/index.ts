/**
 * Bundling of a sample for deployment (`npm run bundle` in a sample). Kept out of the main entry so that esbuild
 * never ends up in a sample's own bundle.
 *
 * @packageDocumentation
 */
export type { BundleResult, BundleSampleOptions } from './bundle-sample.js'
export {
  BundleError,
  bundleSample,
  formatBundleResult,
  formatBytes,
  MAX_BUNDLE_BYTES,
} from './bundle-sample.js'
