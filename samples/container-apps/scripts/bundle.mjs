// npm run bundle: dist/server.js and its dependencies → dist/bundle/server.mjs, the one file the deploy assets run.
import { stat } from 'node:fs/promises'
import { build } from 'esbuild'

const LIMIT = 3 * 1024 * 1024
const entry = new URL('../dist/server.js', import.meta.url)
const outfile = new URL('../dist/bundle/server.mjs', import.meta.url)
if (!(await stat(entry).catch(() => undefined))) {
  process.stderr.write(
    'dist/server.js does not exist. Build the sample first: npm run build, then npm run bundle.\n',
  )
  process.exit(1)
}
await build({
  entryPoints: [entry.pathname],
  outfile: outfile.pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  legalComments: 'external',
  // CommonJS dependencies (fastify, pino, …) call require() for Node's built-ins; give the ES module one.
  banner: {
    js: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
  },
  // jsonc-parser's "main" is a UMD wrapper esbuild cannot follow; its ES module build can be.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  logLevel: 'warning',
})
const { size } = await stat(outfile)
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`
process.stdout.write(`dist/bundle/server.mjs: ${mb(size)} (${size} bytes; limit ${mb(LIMIT)})\n`)
if (size > LIMIT) {
  process.stderr.write(
    'The bundle is over the limit: look for a dependency pulled in by mistake (esbuild --analyze).\n',
  )
  process.exit(1)
}
