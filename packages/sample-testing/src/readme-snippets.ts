import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SNIPPET = /<!-- snippet: (\S+) -->\s*```[a-z]*\n([\s\S]*?)\n```/g

/** A README code block that is not the file it names. */
export interface SnippetMismatch {
  /** The file the block names, relative to the folder. */
  readonly file: string
  /** Why it does not match. */
  readonly problem: string
}

/**
 * The lines between `// #region <name>` and `// #endregion <name>` (the markers TypeDoc's `{@includeCode}` and
 * editors use), with their common indentation removed; `undefined` when the region does not exist.
 */
export function extractRegion(source: string, name: string): string | undefined {
  const lines = source.split('\n')
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`)
  const end = lines.findIndex((line, index) => index > start && line.trim() === `// #endregion ${name}`)
  if (start === -1 || end === -1) return undefined
  const body = lines.slice(start + 1, end)
  const indent = Math.min(...body.filter((line) => line.trim() !== '').map((line) => line.search(/\S/)))
  return body.map((line) => line.slice(indent)).join('\n')
}

/**
 * Checks that every code block in a README marked `<!-- snippet: <file> -->` is exactly that file's content — or,
 * marked `<!-- snippet: <file>#<region> -->`, exactly that region of it — so that the code a README shows is the
 * code the tests run.
 *
 * @param folder - The folder holding `README.md` and the files (a path or `file:` URL).
 * @returns The snippets found and the mismatches (empty when all match).
 * @example
 * ```ts
 * expect((await checkReadmeSnippets(new URL('..', import.meta.url))).mismatches).toEqual([])
 * ```
 */
export async function checkReadmeSnippets(
  folder: string | URL,
): Promise<{ readonly files: readonly string[]; readonly mismatches: readonly SnippetMismatch[] }> {
  const dir = folder instanceof URL ? fileURLToPath(folder) : folder
  const readme = await readFile(join(dir, 'README.md'), 'utf8')
  const files: string[] = []
  const mismatches: SnippetMismatch[] = []
  for (const match of readme.matchAll(SNIPPET)) {
    const [, file = '', block = ''] = match
    files.push(file)
    const [path = '', region] = file.split('#')
    const source = await readFile(join(dir, path), 'utf8').catch(() => undefined)
    const expected = source === undefined || region === undefined ? source : extractRegion(source, region)
    if (source === undefined) mismatches.push({ file, problem: 'the file does not exist' })
    else if (expected === undefined) mismatches.push({ file, problem: `the file has no region ${region}` })
    else if (expected.trimEnd() !== block.trimEnd())
      mismatches.push({ file, problem: 'the block differs from the file' })
  }
  return { files, mismatches }
}
