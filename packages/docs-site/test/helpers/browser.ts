import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/** Debian's Chromium (package `chromium`). Tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Flags that keep Chromium off the network: no background requests, updates, sync or QUIC. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const

/** A headless Chromium whose pages may only reach loopback. */
export interface Browser {
  readonly context: BrowserContext
  /** Every request to a host other than 127.0.0.1, ::1 or localhost: each one was aborted. */
  readonly blockedRequests: readonly string[]
  close(): Promise<void>
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)
}

/**
 * Launches Debian's Chromium through playwright-core with a fresh user-data directory. Every request a page makes
 * goes through a route that lets loopback through and aborts (and records) everything else.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. The docs tests drive Debian's Chromium: install it with \`apt-get install -y chromium\` (never \`npx playwright install\`).`,
    )
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'uami-docs-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  })
  const blockedRequests: string[] = []
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !isLoopback(url)) {
      blockedRequests.push(url.href)
      await route.abort('blockedbyclient')
      return
    }
    await route.continue()
  })
  return {
    context,
    blockedRequests,
    async close() {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
