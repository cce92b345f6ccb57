// Writes docs/guides/generated/*.md from the packages' exports. Run by the `docs` script before TypeDoc; the
// packages must be built first (turbo's `docs` task depends on `^build`).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GENERATED_DIR, generatedFiles } from './generated-files.ts'

const files = generatedFiles()
await mkdir(GENERATED_DIR, { recursive: true })
for (const name of await readdir(GENERATED_DIR)) {
  if (!files.has(name)) await rm(join(GENERATED_DIR, name))
}
for (const [name, content] of files) await writeFile(join(GENERATED_DIR, name), content)
console.log(`docs: wrote ${files.size} generated fragments to docs/guides/generated/`)
