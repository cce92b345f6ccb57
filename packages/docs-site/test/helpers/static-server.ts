import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

/** A static file server on loopback. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly baseUrl: string
  /** Every path requested, in order (to show what a page loaded). */
  readonly requested: readonly string[]
  close(): Promise<void>
}

/**
 * Serves a folder on `127.0.0.1` with an OS-assigned port: GET and HEAD, `index.html` for folders, 404 for
 * anything missing or outside the folder.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const requested: string[] = []
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      requested.push(url.pathname)
      let path: string
      try {
        path = normalize(join(root, decodeURIComponent(url.pathname)))
      } catch {
        response.writeHead(400).end()
        return
      }
      if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) {
        response.writeHead(404).end()
        return
      }
      let info = await stat(path).catch(() => undefined)
      if (info?.isDirectory()) {
        path = join(path, 'index.html')
        info = await stat(path).catch(() => undefined)
      }
      if (info === undefined || !info.isFile()) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        return
      }
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'content-length': info.size,
      })
      if (request.method === 'HEAD') response.end()
      else createReadStream(path).pipe(response)
    })()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    requested,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
