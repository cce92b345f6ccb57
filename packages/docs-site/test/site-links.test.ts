import { readdir } from 'node:fs/promises'
import { relative } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, launchBrowser } from './helpers/browser.ts'
import { assertSiteBuilt, SITE_DIR } from './helpers/site.ts'
import { type StaticServer, serveStatic } from './helpers/static-server.ts'

/** What a visit to one page found. */
interface Visit {
  status: number
  ids: Set<string>
  links: { href: string; text: string }[]
}

let server: StaticServer
let browser: Browser
const visits = new Map<string, Visit>()
const resources = new Map<string, { status: number; body: string }>()

function pathOf(href: string): string {
  const url = new URL(href)
  return url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname
}

function isPage(path: string): boolean {
  return path.endsWith('.html')
}

async function visit(page: Page, path: string): Promise<Visit> {
  const response = await page.goto(new URL(path, server.baseUrl).href)
  const status = response?.status() ?? 0
  if (status !== 200) return { status, ids: new Set(), links: [] }
  // The navigation tree is built by the site's script: wait for it so that its links are crawled too.
  await page.locator('#tsd-nav-container li').first().waitFor()
  const found = await page.evaluate(() => ({
    ids: [...document.querySelectorAll('[id], a[name]')].map((el) => el.id || el.getAttribute('name') || ''),
    links: [...document.querySelectorAll('a[href]')].map((a) => ({
      href: (a as HTMLAnchorElement).href,
      text: (a.textContent ?? '').trim().slice(0, 60),
    })),
  }))
  return { status, ids: new Set(found.ids), links: found.links }
}

/** Visits every page of the site, and every page or file an internal link points to, with a few tabs at once. */
async function crawl(): Promise<void> {
  const files = await readdir(SITE_DIR, { recursive: true })
  const queue = files.filter((file) => file.endsWith('.html')).map((file) => `/${file}`)
  const seen = new Set(queue)
  const worker = async () => {
    const page = await browser.context.newPage()
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const result = await visit(page, path)
      visits.set(path, result)
      for (const link of result.links) {
        const url = new URL(link.href)
        if (url.origin !== new URL(server.baseUrl).origin) continue
        const target = pathOf(link.href)
        if (seen.has(target)) continue
        seen.add(target)
        if (isPage(target)) queue.push(target)
        else {
          const response = await fetch(new URL(target, server.baseUrl))
          resources.set(target, { status: response.status, body: await response.text() })
        }
      }
    }
    await page.close()
  }
  await Promise.all([worker(), worker(), worker()])
}

beforeAll(async () => {
  assertSiteBuilt()
  server = await serveStatic(SITE_DIR)
  browser = await launchBrowser()
  await crawl()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('links on the docs site', () => {
  it('visits every page the build wrote', async () => {
    const files = (await readdir(SITE_DIR, { recursive: true })).filter((file) => file.endsWith('.html'))
    expect(files.length).toBeGreaterThan(20)
    for (const file of files) expect(visits.get(`/${file}`)?.status, file).toBe(200)
  })

  it('resolves every internal link on every page to a page or file that exists, and its anchor to an element', () => {
    const broken: string[] = []
    let checked = 0
    for (const [from, result] of visits) {
      for (const link of result.links) {
        const url = new URL(link.href)
        if (url.origin !== new URL(server.baseUrl).origin) continue
        checked += 1
        const target = pathOf(link.href)
        const anchor = decodeURIComponent(url.hash.slice(1))
        const where = `${from} → ${relative('/', target)}${url.hash} ("${link.text}")`
        if (isPage(target)) {
          const visited = visits.get(target)
          if (visited?.status !== 200) broken.push(`${where}: HTTP ${visited?.status ?? 'not visited'}`)
          else if (anchor !== '' && !visited.ids.has(anchor)) broken.push(`${where}: no element #${anchor}`)
        } else {
          const resource = resources.get(target)
          if (resource?.status !== 200) broken.push(`${where}: HTTP ${resource?.status ?? 'not fetched'}`)
          else if (anchor !== '' && !resource.body.includes(`id="${anchor}"`))
            broken.push(`${where}: no #${anchor}`)
        }
      }
    }
    expect(checked).toBeGreaterThan(visits.size)
    expect(broken).toEqual([])
  })

  it('requested nothing outside loopback while loading every page', () => {
    expect(browser.blockedRequests).toEqual([])
  })
})
