import { checkCodeTour, checkReadmeSnippets } from '@uami/sample-testing'
import { describe, expect, it } from 'vitest'

describe('README', () => {
  it('shows exactly the code in src/ (server, the credential call, the load call, the route)', async () => {
    const { files, mismatches } = await checkReadmeSnippets(new URL('..', import.meta.url))
    expect(files).toEqual([
      'src/server.ts',
      'src/credential.ts#credential',
      'src/settings.ts#load',
      'src/app.ts#route',
    ])
    expect(mismatches).toEqual([])
  })

  it('has a CodeTour (.tours/container-apps.tour) that walks server → env → credential → settings → route, each step on its line', async () => {
    const { files, mismatches } = await checkCodeTour('.tours/container-apps.tour')
    expect(files).toEqual(
      ['server.ts', 'env.ts', 'credential.ts', 'settings.ts', 'app.ts'].map(
        (file) => `samples/container-apps/src/${file}`,
      ),
    )
    expect(mismatches).toEqual([])
  })
})
