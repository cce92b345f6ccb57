import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Writes a file atomically: the content goes to a temporary file in the same directory, is flushed to disk, and
 * replaces the target with one `rename`. A reader (or a tour stopped with Ctrl-C half-way) sees the old or the new
 * file, never a torn one.
 *
 * @param path - The file to write.
 * @param content - Its new content.
 * @example
 * ```ts
 * await writeFileAtomic('.uami/tour.json', JSON.stringify(progress, null, 2))
 * ```
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  // Unique per call: concurrent writers of the same file (parallel samples) never share a temporary file.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(temporary, 'w', 0o600)
  try {
    await handle.writeFile(content, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
