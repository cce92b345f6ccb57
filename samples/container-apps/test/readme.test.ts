import { checkReadmeSnippets } from '@uami/sample-testing'
import { describe, expect, it } from 'vitest'

describe('README', () => {
  it('shows exactly the code in src/ (env, app, server, sample definition)', async () => {
    const { files, mismatches } = await checkReadmeSnippets(new URL('..', import.meta.url))
    expect(files).toEqual(['src/sample.ts', 'src/env.ts', 'src/app.ts', 'src/server.ts'])
    expect(mismatches).toEqual([])
  })
})
