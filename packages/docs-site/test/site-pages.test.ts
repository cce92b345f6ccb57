import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { errorCatalogue } from '@uami/credential'
import { errorCatalogue as sampleErrorCatalogue } from '@uami/fastify-app-configuration'
import { provisionErrorCatalogue } from '@uami/provision'
import { tourErrorCatalogue } from '@uami/tour'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NODE_LABELS } from '../src/diagram.ts'
import { type Browser, launchBrowser } from './helpers/browser.ts'
import { assertSiteBuilt, GUIDES, guidePage, REPO_ROOT, SITE_DIR } from './helpers/site.ts'
import { type StaticServer, serveStatic } from './helpers/static-server.ts'

/** The lines between `// #region <name>` and `// #endregion <name>`, dedented: what `{@includeCode file#name}` shows. */
function extractRegion(source: string, name: string): string | undefined {
  const lines = source.split('\n')
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`)
  const end = lines.findIndex((line, index) => index > start && line.trim() === `// #endregion ${name}`)
  if (start === -1 || end === -1) return undefined
  const body = lines.slice(start + 1, end)
  const indent = Math.min(...body.filter((line) => line.trim() !== '').map((line) => line.search(/\S/)))
  return body.map((line) => line.slice(indent)).join('\n')
}

let server: StaticServer
let browser: Browser
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  assertSiteBuilt()
  server = await serveStatic(SITE_DIR)
  browser = await launchBrowser()
  page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function open(path: string): Promise<void> {
  const response = await page.goto(new URL(path, server.baseUrl).href)
  expect(response?.status(), path).toBe(200)
  await page.locator('#tsd-nav-container li').first().waitFor({ state: 'attached' })
}

/** The text of the page's main column, whitespace collapsed. */
async function mainText(): Promise<string> {
  const text = (await page.locator('.col-content').textContent()) ?? ''
  return text.replaceAll(/\s+/g, ' ')
}

/** Markdown → the words a reader sees: emphasis, code marks and link targets dropped, whitespace collapsed. */
function plainWords(markdown: string): string {
  return markdown
    .replaceAll(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replaceAll(/[*`]|(?<=\s)_|_(?=[\s.,;:])/g, '')
    .replaceAll(/\s+/g, ' ')
    .trim()
}

function source(path: string): Promise<string> {
  return readFile(join(REPO_ROOT, path), 'utf8')
}

describe('the docs site in Chromium', () => {
  it('shows your names from the Overview form in every command on another page, copies them, and resets', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl })
    await open(guidePage('Overview'))
    await page.fill('#uami-name-resourceGroup', 'rg-mine')
    await page.fill('#uami-name-store', 'appcs-mine')
    await open(guidePage('Create the identity'))
    const blocks = (await page.locator('.col-content pre code').allInnerTexts()).join('\n')
    expect(blocks).toContain('az appconfig create -g rg-mine -n appcs-mine -l swedencentral')
    expect(blocks).not.toMatch(/(?<![\w-])(rg-uami|appcs-uami-7f3a9c)(?![\w-])/)
    const pre = page.locator('.col-content pre').filter({ hasText: 'az appconfig create -g rg-mine' }).first()
    await pre.hover()
    await pre.locator('button').click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      'az appconfig create -g rg-mine -n appcs-mine',
    )

    await open(guidePage('Overview'))
    await page.click('#uami-names-reset')
    await open(guidePage('Create the identity'))
    expect((await page.locator('.col-content pre code').allInnerTexts()).join('\n')).toContain(
      'az appconfig create -g rg-uami -n appcs-uami-7f3a9c',
    )
  })

  it('keeps your names when the site is opened from file://', async () => {
    const fromDisk = await browser.context.newPage()
    try {
      await fromDisk.goto(pathToFileURL(join(SITE_DIR, guidePage('Overview'))).href)
      await fromDisk.fill('#uami-name-identity', 'id-from-disk')
      await fromDisk.goto(pathToFileURL(join(SITE_DIR, guidePage('Create the identity'))).href)
      const blocks = (await fromDisk.locator('.col-content pre code').allInnerTexts()).join('\n')
      expect(blocks).toContain('id-from-disk')
      await fromDisk.goto(pathToFileURL(join(SITE_DIR, guidePage('Overview'))).href)
      await fromDisk.click('#uami-names-reset')
    } finally {
      await fromDisk.close()
    }
  })

  it('shows the two commands on the landing page', async () => {
    await open('index.html')
    const commands = await page.locator('.col-content pre code').allInnerTexts()
    expect(commands.join('\n')).toContain('npm ci && npm start')
    expect(commands.join('\n')).toContain('npm test')
  })

  it.each(GUIDES)(
    'renders the "$title" guide with its title and no unresolved TypeDoc tag',
    async (guide) => {
      await open(guide.page)
      expect(await page.title()).toBe(`${guide.title} | uami`)
      expect((await page.locator('.col-content h1').first().textContent())?.trim()).toBe(guide.title)
      const text = await mainText()
      expect(text.length).toBeGreaterThan(500)
      expect(text).not.toMatch(/\{@(include|includeCode|link|linkcode|linkplain)\b/)
      expect(text).not.toContain('[[')
    },
  )

  it('lists the guides in the navigation in step order', async () => {
    await open(guidePage('Overview'))
    const overview = page.locator('#tsd-nav-container summary[data-key="Guides$Overview"]')
    expect((await overview.textContent())?.trim()).toBe('Overview')
    const children = page.locator(
      '#tsd-nav-container summary[data-key="Guides$Overview"] + .tsd-accordion-details > ul > li',
    )
    const titles = (await children.evaluateAll((items) =>
      items.map((item) => item.querySelector('a')?.textContent ?? ''),
    )) as string[]
    expect(['Overview', ...titles]).toEqual(GUIDES.map((guide) => guide.title))
  })

  it("includes the tour's explanations word for word", async () => {
    const includes: Record<string, readonly string[]> = {
      'Try it locally': ['verify'],
      'Create the identity': ['sign-in', 'app-configuration', 'identity'],
      'Attach it to the host': ['host', 'attach'],
      'Assign App Configuration Data Reader': ['role-assignment'],
      'Write the code': ['configure'],
      Troubleshooting: [
        'doctor',
        'what-goes-wrong-not-attached',
        'what-goes-wrong-no-role',
        'what-goes-wrong-wrong-kind',
        'what-goes-wrong-propagating',
      ],
    }
    for (const [title, ids] of Object.entries(includes)) {
      await open(guidePage(title as (typeof GUIDES)[number]['title']))
      const text = await mainText()
      for (const id of ids) {
        const firstParagraph =
          (await source(`packages/tour/content/${id}.md`)).trim().split(/\n\s*\n/)[0] ?? ''
        expect(text, `${title} includes packages/tour/content/${id}.md`).toContain(plainWords(firstParagraph))
      }
    }
  })

  it("shows the samples' and the credential package's tested source in the Write the code guide", async () => {
    await open(guidePage('Write the code'))
    const blocks = (await page.locator('.col-content pre code').allInnerTexts()).map((block) => block.trim())
    const files = [
      'samples/app-service/src/credential.ts#credential',
      'samples/app-service/src/settings.ts#load',
      'samples/app-service/src/env.ts',
      'samples/container-apps/src/credential.ts#credential',
      'samples/container-apps/src/env.ts',
      'samples/vm/src/credential.ts#credential',
      'samples/vm/src/env.ts',
      'samples/app-service/src/server.ts',
      'samples/app-service/src/app.ts#route',
      'packages/credential/examples/fastify.ts',
    ]
    for (const file of files) {
      const [path = '', region] = file.split('#')
      const text = await source(path)
      const shown = region === undefined ? text : extractRegion(text, region)
      expect(blocks, `${file} is shown as it is today`).toContain(shown?.trim())
    }
  })

  it('lists every error code in the troubleshooting tables, each row reachable by its anchor', async () => {
    await open(guidePage('Troubleshooting'))
    const rows = [
      ...errorCatalogue,
      ...sampleErrorCatalogue,
      ...provisionErrorCatalogue,
      ...tourErrorCatalogue,
    ]
    const found = await page.evaluate(
      (codes) =>
        codes.map((code) => {
          const row = document.getElementById(code.toLowerCase())?.closest('tr')
          return row?.querySelector('td')?.textContent?.trim() ?? ''
        }),
      rows.map((row) => row.code),
    )
    expect(found).toEqual(rows.map((row) => row.code))
  })

  it('gives the corrected commands on the errata page', async () => {
    await open(guidePage('Errata'))
    const text = await mainText()
    expect(text).toContain('--user-assigned')
    expect(text).toContain('--assignee-object-id')
    expect(text).toContain('--assignee-principal-type ServicePrincipal')
    expect(text).toContain('new ManagedIdentityCredential({ resourceId })')
    expect(text).toContain('App Configuration Data Reader')
    expect(text).toContain('IDENTITY_HEADER')
  })

  it('draws the identity chain of each host as a non-empty SVG with its four nodes on the Attach guide', async () => {
    await open(guidePage('Attach it to the host'))
    const diagrams = await page.locator('.col-content svg.uami-diagram').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect()
        return {
          width: box.width,
          height: box.height,
          labels: [...svg.querySelectorAll('.uami-label')].map((text) => text.textContent ?? ''),
        }
      }),
    )
    expect(diagrams).toHaveLength(3)
    for (const [i, host] of ['App Service', 'Container Apps', 'Virtual machine'].entries()) {
      const diagram = diagrams[i]
      expect(diagram?.width).toBeGreaterThan(300)
      expect(diagram?.height).toBeGreaterThan(50)
      expect(diagram?.labels).toEqual([
        NODE_LABELS[0],
        `${NODE_LABELS[1]}: ${host}`,
        NODE_LABELS[2],
        NODE_LABELS[3],
      ])
    }
  })

  it('keeps every code token in a table cell whole at 1280 px: no cell is narrower than its longest token', async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    const narrow: string[] = []
    for (const guide of GUIDES) {
      await open(guide.page)
      const found = await page.evaluate(() => {
        const out: string[] = []
        for (const cell of document.querySelectorAll('.col-content td, .col-content th')) {
          const style = getComputedStyle(cell)
          const inner =
            cell.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight)
          for (const code of cell.querySelectorAll('code')) {
            const text = code.firstChild
            if (text?.nodeType !== Node.TEXT_NODE) continue
            const value = text.textContent ?? ''
            for (const match of value.matchAll(/\S+/g)) {
              const range = document.createRange()
              range.setStart(text, match.index)
              range.setEnd(text, match.index + match[0].length)
              const rects = [...range.getClientRects()].filter((rect) => rect.width > 0)
              const width = Math.max(...rects.map((rect) => rect.width))
              if (rects.length > 1 || width > inner + 1) out.push(`${match[0]} (${rects.length} lines)`)
            }
          }
        }
        return out
      })
      narrow.push(...found.map((token) => `${guide.title}: ${token}`))
    }
    expect(narrow).toEqual([])
  })

  it('saves screenshots of the overview and the Attach guide at 1280 and 390 px in .artifacts/', async () => {
    const dir = join(REPO_ROOT, 'packages/docs-site/.artifacts')
    await mkdir(dir, { recursive: true })
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      for (const [name, path] of [
        ['overview', guidePage('Overview')],
        ['attach', guidePage('Attach it to the host')],
      ] as const) {
        await open(path)
        const file = join(dir, `${name}-${width}.png`)
        const png = await page.screenshot({ path: file, fullPage: true })
        expect(png.length, file).toBeGreaterThan(10_000)
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 })
  })

  it('ran no script error and requested nothing outside loopback', () => {
    expect(pageErrors).toEqual([])
    expect(browser.blockedRequests).toEqual([])
    expect(server.requested.length).toBeGreaterThan(GUIDES.length)
  })
})
