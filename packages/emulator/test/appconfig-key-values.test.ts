import { AppConfigurationClient, type ConfigurationSetting } from '@azure/app-configuration'
import type { TokenCredential } from '@azure/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_CONFIGURATION_DATA_OWNER, type RunningEmulator } from '../src/index.ts'
import { appConfigArm } from './helpers/appconfig-arm.ts'
import { dataPlaneFetch, SYNC_TOKEN } from './helpers/appconfig-fetch.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}

/** The key-value operations of `AppConfigurationClient`, against a store created through ARM. */
describe('App Configuration key-values', () => {
  let emulator: RunningEmulator
  let endpoint: string
  let credential: TokenCredential
  let client: AppConfigurationClient

  beforeAll(async () => {
    emulator = await startTestEmulator()
    const arm = appConfigArm(emulator)
    await arm.createResourceGroup('rg-kv')
    const store = await arm.createStore('rg-kv', 'appcs-kv')
    endpoint = store.endpoint
    await arm.assignRole(emulator.developer.objectId, APP_CONFIGURATION_DATA_OWNER, store.id)
    credential = developerCredential(emulator)
    client = new AppConfigurationClient(endpoint, credential)
  })
  afterAll(() => emulator.stop())

  it('creates, reads, updates and deletes a setting, with a new etag on every change', async () => {
    const created = await client.setConfigurationSetting({
      key: 'crud/greeting',
      label: 'prod',
      value: 'hello',
      contentType: 'text/plain',
      tags: { owner: 'me' },
    })
    expect(created).toMatchObject({ key: 'crud/greeting', label: 'prod', value: 'hello', isReadOnly: false })
    const read = await client.getConfigurationSetting({ key: 'crud/greeting', label: 'prod' })
    expect(read).toMatchObject({
      statusCode: 200,
      value: 'hello',
      contentType: 'text/plain',
      tags: { owner: 'me' },
      etag: created.etag,
    })
    expect(read.lastModified).toBeInstanceOf(Date)

    const updated = await client.setConfigurationSetting({
      key: 'crud/greeting',
      label: 'prod',
      value: 'bye',
    })
    expect(updated.etag).not.toBe(created.etag)
    expect(updated.value).toBe('bye')

    const deleted = await client.deleteConfigurationSetting({ key: 'crud/greeting', label: 'prod' })
    expect(deleted).toMatchObject({ statusCode: 200, value: 'bye' })
    await expect(
      client.getConfigurationSetting({ key: 'crud/greeting', label: 'prod' }),
    ).rejects.toMatchObject({ statusCode: 404 })
  })

  it('answers 204 when deleting a setting that does not exist', async () => {
    const result = await client.deleteConfigurationSetting({ key: 'crud/never-existed' })
    expect(result.statusCode).toBe(204)
  })

  it('treats a label-less setting and a labelled one with the same key as different settings', async () => {
    await client.setConfigurationSetting({ key: 'crud/mode', value: 'default' })
    await client.setConfigurationSetting({ key: 'crud/mode', label: 'dev', value: 'debug' })
    expect((await client.getConfigurationSetting({ key: 'crud/mode' })).value).toBe('default')
    expect((await client.getConfigurationSetting({ key: 'crud/mode', label: 'dev' })).value).toBe('debug')
  })

  it('keeps the etag when a setting is written again unchanged, as the service does', async () => {
    const first = await client.setConfigurationSetting({ key: 'crud/same', value: 'v', tags: { a: '1' } })
    const again = await client.setConfigurationSetting({ key: 'crud/same', value: 'v', tags: { a: '1' } })
    expect(again.etag).toBe(first.etag)
  })

  it('stores keys with slashes, spaces and reserved filter characters exactly', async () => {
    const keys = ['odd/a b', 'odd/star*key', 'odd/comma,key', 'odd/back\\slash', 'odd/ünïcödé']
    for (const key of keys) await client.setConfigurationSetting({ key, value: key })
    for (const key of keys) expect((await client.getConfigurationSetting({ key })).value).toBe(key)
  })

  describe('list filters', () => {
    beforeAll(async () => {
      await client.setConfigurationSetting({ key: 'filter/a', value: 'no label' })
      await client.setConfigurationSetting({ key: 'filter/a', label: 'dev', value: 'dev' })
      await client.setConfigurationSetting({ key: 'filter/a', label: 'prod', value: 'prod' })
      await client.setConfigurationSetting({ key: 'filter/b', label: 'prod', value: 'b prod' })
      await client.setConfigurationSetting({ key: 'filter/star*', value: 'literal star' })
      await client.setConfigurationSetting({ key: 'filter/x,y', value: 'literal comma' })
    })
    const list = (options: Parameters<AppConfigurationClient['listConfigurationSettings']>[0]) =>
      collect(client.listConfigurationSettings(options))
    const ids = (settings: ConfigurationSetting[]) => settings.map((s) => `${s.key}|${s.label ?? '\\0'}`)

    it('matches a key prefix with every label, in key then label order', async () => {
      expect(ids(await list({ keyFilter: 'filter/a*', labelFilter: '*' }))).toEqual([
        'filter/a|\\0',
        'filter/a|dev',
        'filter/a|prod',
      ])
    })

    it('matches settings without a label with the \\0 label filter', async () => {
      expect(ids(await list({ keyFilter: 'filter/*', labelFilter: '\0' }))).toEqual([
        'filter/a|\\0',
        'filter/star*|\\0',
        'filter/x,y|\\0',
      ])
    })

    it('matches comma lists of keys and of labels (\\0 included)', async () => {
      expect(ids(await list({ keyFilter: 'filter/a,filter/b', labelFilter: 'prod' }))).toEqual([
        'filter/a|prod',
        'filter/b|prod',
      ])
      expect(ids(await list({ keyFilter: 'filter/a', labelFilter: 'dev,\0' }))).toEqual([
        'filter/a|\\0',
        'filter/a|dev',
      ])
    })

    it('matches a label prefix', async () => {
      expect(ids(await list({ keyFilter: 'filter/*', labelFilter: 'pr*' }))).toEqual([
        'filter/a|prod',
        'filter/b|prod',
      ])
    })

    it('matches reserved characters escaped with a backslash literally', async () => {
      expect(ids(await list({ keyFilter: 'filter/star\\*' }))).toEqual(['filter/star*|\\0'])
      expect(ids(await list({ keyFilter: 'filter/x\\,y' }))).toEqual(['filter/x,y|\\0'])
      expect(ids(await list({ keyFilter: 'filter/star\\*,filter/x\\,y' }))).toEqual([
        'filter/star*|\\0',
        'filter/x,y|\\0',
      ])
    })

    it('refuses an unescaped reserved character with a 400 invalid-argument the SDK surfaces', async () => {
      await expect(list({ keyFilter: 'filter/a*b' })).rejects.toMatchObject({ statusCode: 400 })
    })
  })

  it('filters by tags, including a tag whose value is null', async () => {
    await client.setConfigurationSetting({ key: 'tags/a', value: '1', tags: { env: 'prod', team: 'red' } })
    await client.setConfigurationSetting({ key: 'tags/b', value: '2', tags: { env: 'dev' } })
    await client.setConfigurationSetting({
      key: 'tags/c',
      value: '3',
      tags: { env: 'prod', team: null } as unknown as Record<string, string>,
    })
    const keys = async (tagsFilter: string[]) =>
      (await collect(client.listConfigurationSettings({ keyFilter: 'tags/*', tagsFilter }))).map((s) => s.key)
    expect(await keys(['env=prod'])).toEqual(['tags/a', 'tags/c'])
    expect(await keys(['env=prod', 'team=red'])).toEqual(['tags/a'])
    expect(await keys(['team=\0'])).toEqual(['tags/c'])
  })

  it('returns only the fields asked for with $select', async () => {
    await client.setConfigurationSetting({ key: 'select/a', label: 'l', value: 'v', tags: { t: '1' } })
    const [listed] = await collect(
      client.listConfigurationSettings({ keyFilter: 'select/a', labelFilter: 'l', fields: ['key', 'value'] }),
    )
    expect(listed).toMatchObject({ key: 'select/a', value: 'v' })
    expect(listed?.label).toBeUndefined()
    expect(listed?.etag).toBeUndefined()
    expect(listed?.tags).toBeUndefined()
    const single = await client.getConfigurationSetting(
      { key: 'select/a', label: 'l' },
      { fields: ['key', 'label', 'lastModified', 'isReadOnly'] },
    )
    expect(single).toMatchObject({ key: 'select/a', label: 'l', isReadOnly: false })
    expect(single.lastModified).toBeInstanceOf(Date)
    expect(single.value).toBeUndefined()
  })

  describe('paging', () => {
    beforeAll(async () => {
      for (let i = 0; i < 8; i++) await client.setConfigurationSetting({ key: `page/${i}`, value: `${i}` })
      emulator.settings.appConfigPageSize = 3
    })
    afterAll(() => {
      delete emulator.settings.appConfigPageSize
    })

    it('lists every setting across pages with the real client', async () => {
      const pages = await collect(client.listConfigurationSettings({ keyFilter: 'page/*' }).byPage())
      expect(pages.map((page) => page.items.length)).toEqual([3, 3, 2])
      expect(pages.flatMap((page) => page.items.map((s) => s.key))).toEqual(
        Array.from({ length: 8 }, (_, i) => `page/${i}`),
      )
    })

    it('links the next page in @nextLink and Link, with after never the first parameter', async () => {
      const first = await dataPlaneFetch(endpoint, '/kv?key=page%2F*&api-version=2023-11-01', { credential })
      expect(first.status).toBe(200)
      const nextLink: string = first.body['@nextLink']
      expect(first.headers.get('link')).toBe(`<${nextLink}>; rel="next"`)
      expect(nextLink.startsWith('/kv?')).toBe(true)
      expect(new URLSearchParams(nextLink).get('after')).toBeTruthy()
      const second = await dataPlaneFetch(endpoint, nextLink, { credential })
      expect(second.body.items.map((item: { key: string }) => item.key)).toEqual([
        'page/3',
        'page/4',
        'page/5',
      ])
    })

    it('answers an unchanged page with 304, keeping its Link, and a changed page with 200', async () => {
      const pages = await collect(client.listConfigurationSettings({ keyFilter: 'page/*' }).byPage())
      const pageEtags = pages.map((page) => page.etag as string)
      const unchanged = await collect(
        client.listConfigurationSettings({ keyFilter: 'page/*', pageEtags }).byPage(),
      )
      expect(unchanged.map((page) => Number(page._response.status))).toEqual([304, 304, 304])

      await client.setConfigurationSetting({ key: 'page/4', value: 'changed' })
      const changed = await collect(
        client.listConfigurationSettings({ keyFilter: 'page/*', pageEtags }).byPage(),
      )
      expect(changed.map((page) => Number(page._response.status))).toEqual([304, 200, 304])
      expect(changed[1]?.items.map((s) => s.value)).toEqual(['3', 'changed', '5'])
    })
  })

  it('answers onlyIfChanged with 304 while the setting is unchanged', async () => {
    const setting = await client.setConfigurationSetting({ key: 'cond/a', value: '1' })
    const unchanged = await client.getConfigurationSetting(setting, { onlyIfChanged: true })
    expect(unchanged.statusCode).toBe(304)
    expect(unchanged.value).toBeUndefined()
    await client.setConfigurationSetting({ key: 'cond/a', value: '2' })
    const changed = await client.getConfigurationSetting(setting, { onlyIfChanged: true })
    expect(changed).toMatchObject({ statusCode: 200, value: '2' })
  })

  it('refuses onlyIfUnchanged writes and deletes with 412 once the setting changed', async () => {
    const original = await client.setConfigurationSetting({ key: 'cond/b', value: '1' })
    await client.setConfigurationSetting({ key: 'cond/b', value: '2' })
    await expect(
      client.setConfigurationSetting({ ...original, value: '3' }, { onlyIfUnchanged: true }),
    ).rejects.toMatchObject({ statusCode: 412 })
    await expect(
      client.deleteConfigurationSetting(original, { onlyIfUnchanged: true }),
    ).rejects.toMatchObject({
      statusCode: 412,
    })
    const current = await client.getConfigurationSetting({ key: 'cond/b' })
    expect(current.value).toBe('2')
    await client.setConfigurationSetting({ ...current, value: '3' }, { onlyIfUnchanged: true })
    expect((await client.getConfigurationSetting({ key: 'cond/b' })).value).toBe('3')
  })

  it('refuses addConfigurationSetting for a setting that exists (If-None-Match: *) with 412', async () => {
    await client.addConfigurationSetting({ key: 'cond/add', value: 'first' })
    await expect(client.addConfigurationSetting({ key: 'cond/add', value: 'second' })).rejects.toMatchObject({
      statusCode: 412,
    })
  })

  it('makes a setting read-only: writes and deletes get 409 key-locked until it is unlocked', async () => {
    const setting = await client.setConfigurationSetting({ key: 'lock/a', value: '1' })
    const locked = await client.setReadOnly(setting, true)
    expect(locked.isReadOnly).toBe(true)
    const write = await client.setConfigurationSetting({ key: 'lock/a', value: '2' }).catch((e: unknown) => e)
    expect(write).toMatchObject({ statusCode: 409 })
    expect((write as { details: unknown }).details).toEqual({
      type: 'https://azconfig.io/errors/key-locked',
      title: "Modifing key 'lock/a' is not allowed",
      name: 'lock/a',
      detail: 'The key is read-only. To allow modification unlock it first.',
      status: 409,
    })
    await expect(client.deleteConfigurationSetting({ key: 'lock/a' })).rejects.toMatchObject({
      statusCode: 409,
    })
    const unlocked = await client.setReadOnly({ key: 'lock/a' }, false)
    expect(unlocked.isReadOnly).toBe(false)
    expect((await client.setConfigurationSetting({ key: 'lock/a', value: '2' })).value).toBe('2')
  })

  it('lists labels, the no-label included, filtered by name', async () => {
    await client.setConfigurationSetting({ key: 'labels/a', value: '1' })
    await client.setConfigurationSetting({ key: 'labels/a', label: 'labels-x', value: '1' })
    await client.setConfigurationSetting({ key: 'labels/a', label: 'labels-y', value: '1' })
    const all = (await collect(client.listLabels())).map((label) => label.name)
    expect(all).toEqual(expect.arrayContaining([null, 'labels-x', 'labels-y']))
    const filtered = (await collect(client.listLabels({ nameFilter: 'labels-*' }))).map((label) => label.name)
    expect(filtered).toEqual(['labels-x', 'labels-y'])
  })

  it('lists revisions: the current revision of each setting', async () => {
    await client.setConfigurationSetting({ key: 'rev/a', value: '1' })
    await client.setConfigurationSetting({ key: 'rev/a', value: '2' })
    const revisions = await collect(client.listRevisions({ keyFilter: 'rev/*' }))
    expect(revisions.map((s) => s.value)).toEqual(['2'])
  })

  it('sends a Sync-Token in the format the SDK parses, whose sequence number grows with each write', async () => {
    const before = await dataPlaneFetch(endpoint, '/kv?key=sync%2F*&api-version=2023-11-01', { credential })
    const snBefore = Number(SYNC_TOKEN.exec(before.headers.get('sync-token') ?? '')?.[3])
    await client.setConfigurationSetting({ key: 'sync/a', value: `${Date.now()}` })
    const after = await dataPlaneFetch(endpoint, '/kv/sync%2Fa?api-version=2023-11-01', { credential })
    const match = SYNC_TOKEN.exec(after.headers.get('sync-token') ?? '')
    expect(match).not.toBeNull()
    expect(Number(match?.[3])).toBeGreaterThan(snBefore)
    expect(after.headers.get('content-type')).toBe(
      'application/vnd.microsoft.appconfig.kv+json; charset=utf-8',
    )
    expect(after.headers.get('etag')).toBe(`"${after.body.etag}"`)
  })

  it('accepts api-versions it does not know, and requests without one', async () => {
    await client.setConfigurationSetting({ key: 'ver/a', value: '1' })
    for (const query of ['?api-version=2099-12-31-preview', '?api-version=1.0', '']) {
      const response = await dataPlaneFetch(endpoint, `/kv/ver%2Fa${query}`, { credential })
      expect(response.status).toBe(200)
      expect(response.body.value).toBe('1')
    }
  })
})
