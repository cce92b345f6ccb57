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

  it('has a CodeTour (.tours/app-service.tour) that walks server → env → credential → settings → route, each step on its line', async () => {
    const { files, mismatches } = await checkCodeTour('.tours/app-service.tour')
    expect(files).toEqual(
      ['server.ts', 'env.ts', 'credential.ts', 'settings.ts', 'app.ts'].map(
        (file) => `samples/app-service/src/${file}`,
      ),
    )
    expect(mismatches).toEqual([])
  })
})
