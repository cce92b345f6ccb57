import { Agent, request } from 'node:http'
import { findLeaks, type LocalAzure, MESSAGE_KEY, SENTINEL_KEY, startLocalAzure } from '@uami/sample-testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Random } from './helpers/random.ts'
import { count, ready, SAMPLES, SampleFleet } from './helpers/samples.ts'

/**
 * Suite 3, requests: 10,000 seeded random requests per running sample — methods, paths, setting keys (valid and
 * invalid), query strings, headers, bodies — over keep-alive connections. Zero 5xx; `GET /config/:key` answers
 * 400 for every key App Configuration could not have and 200/404 for the others; no response and no log line
 * carries a token, a secret or the Authorization header the requests sent.
 */

const SEED = 0x5eed_0004
const REQUESTS_PER_SAMPLE = 10_000
const CONCURRENCY = 8
/** What the router accepts in one path parameter (serverOptions' maxParamLength); longer ones get 414. */
const MAX_PARAM_LENGTH = 2048
/** Sent in every request that carries an Authorization header: it must never come back or reach a log. */
const SENT_TOKEN = `eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJmdXp6LXJlcXVlc3QifQ.${'c2lnbmF0dXJl'.repeat(4)}`

/** The rule of `/config/:key` (App Configuration's key rules): independent of the code under test. */
function isValidKey(key: string): boolean {
  return (
    key.length >= 1 &&
    key.length <= 512 &&
    key !== '.' &&
    key !== '..' &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the rule refuses.
    !/[%*,\\\u0000-\u001f\u007f]/.test(key)
  )
}

const KEY_ALPHABET = `abcXYZ019:._-/ ~!$&'()+;=@[]{}^|<>?#"\u00e9\u4e2d\u{1f511}\u200b`
const BAD_CHARACTERS = ['%', '*', ',', '\\', '\u0000', '\n', '\r', '\t', '\u001f', '\u007f']
const METHODS = ['GET', 'GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']
const PATHS = ['/', '/identity', '/healthz', '/readyz', '/config', '/config/', '/favicon.ico', '/index.html']
const ACCEPTS = ['application/json', 'text/html', '*/*', 'text/plain', 'application/xml', 'garbage/;;', '']

interface FuzzRequest {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string
  /** For `GET`/`HEAD /config/<key>`: whether the key is valid, and the key. */
  readonly key?: { readonly value: string; readonly valid: boolean; readonly encodedLength: number }
}

function randomKey(random: Random): string {
  const roll = random.next()
  if (roll < 0.15) return MESSAGE_KEY
  if (roll < 0.2) return random.pick(['.', '..', '', SENTINEL_KEY, MESSAGE_KEY.toLowerCase()])
  const base = random.string(random.between(1, 40), KEY_ALPHABET)
  if (roll < 0.55) return base
  if (roll < 0.85) {
    const characters = [...base]
    characters.splice(random.int(characters.length + 1), 0, random.pick(BAD_CHARACTERS))
    return characters.join('')
  }
  return random.string(random.pick([511, 512, 513, 700, 1_500]), 'abcdefghij/:._-')
}

function generate(random: Random): FuzzRequest {
  const method = random.pick(METHODS)
  const headers: Record<string, string> = { accept: random.pick(ACCEPTS) }
  if (headers.accept === '') delete headers.accept
  if (random.chance(0.2)) headers.authorization = `Bearer ${SENT_TOKEN}`
  if (random.chance(0.1)) headers['x-identity-header'] = 'fuzz-not-the-real-header'
  if (random.chance(0.1)) headers['x-forwarded-for'] = '203.0.113.7'
  if (random.chance(0.05)) headers['x-fuzz'] = random.string(random.between(1, 8_000), 'abcXYZ019-_ ')
  if (random.chance(0.05)) headers.cookie = `session=${random.string(20, 'abc012')}`
  let body: string | undefined
  if (method !== 'GET' && method !== 'HEAD' && random.chance(0.6)) {
    body = random.pick([
      '{"key":"x"}',
      '{not json',
      random.string(random.between(0, 3_000), 'abc{}[]":,0123 '),
      '[]',
      'null',
    ])
    headers['content-type'] = random.pick([
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
    ])
    // Framed: Node's client sends an OPTIONS or DELETE body without a length, which the server would read as the
    // next request (a parse error that closes the connection under the next request sent on it).
    headers['content-length'] = String(Buffer.byteLength(body))
  }
  const roll = random.next()
  if (roll < 0.6) {
    const key = randomKey(random)
    const encoded = random.chance(0.9) ? encodeURIComponent(key) : encodeURI(key).replaceAll('#', '%23')
    const query = random.chance(0.15) ? `?${random.pick(['label=x', 'a=1&a=2', '%zz', 'key=*', 'x'])}` : ''
    const path = `/config/${encoded}${query}`
    // Only requests the router can route to /config/:key: a slash or a '?' kept raw splits or ends the key.
    const routable = encoded === encodeURIComponent(key)
    const request: FuzzRequest = { method, path, headers, ...(body === undefined ? {} : { body }) }
    if ((method === 'GET' || method === 'HEAD') && routable) {
      return { ...request, key: { value: key, valid: isValidKey(key), encodedLength: encoded.length } }
    }
    return request
  }
  if (roll < 0.85) {
    const path = random.pick(PATHS)
    return {
      method,
      path: random.chance(0.1) ? `${path}?${random.string(10, 'abc=&%')}` : path,
      headers,
      ...(body === undefined ? {} : { body }),
    }
  }
  // Paths that are not routes: broken escapes, dot segments, doubled slashes, very long ones.
  const path = random.pick([
    `/${random.string(random.between(1, 30), 'abcXYZ019-._~')}`,
    '/config/%zz',
    '/config/%',
    '/config/%E0%A4%A',
    '/../../etc/passwd',
    '//config//x',
    '/config/a/b',
    `/${'a'.repeat(random.pick([100, 3_000, 9_000]))}`,
    '/%00',
    '/_admin/health',
    '/kv/x',
    '/msi/token',
  ])
  return { method, path, headers, ...(body === undefined ? {} : { body }) }
}

interface Answer {
  readonly status: number
  readonly text: string
}

function send(agent: Agent, base: URL, fuzz: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: fuzz.method,
        path: fuzz.path,
        headers: fuzz.headers,
        timeout: 30_000,
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          text += chunk
        })
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: `${JSON.stringify(response.headers)}\n${text}` }),
        )
        response.on('error', reject)
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer to ${fuzz.method} ${fuzz.path}`)))
    outgoing.on('error', reject)
    outgoing.end(fuzz.body)
  })
}

describe('request fuzzing against each running sample (suite 3, seed 0x5eed0004)', {
  timeout: 180_000,
}, () => {
  let local: LocalAzure
  const fleet = new SampleFleet(() => local)
  const summary: string[] = []

  beforeAll(async () => {
    local = await startLocalAzure()
  })
  afterAll(async () => {
    await fleet.stopAll()
    await local?.emulator.stop()
    console.log(summary.join('\n'))
  })

  it(`answers ${count(REQUESTS_PER_SAMPLE)} random requests per sample with no 5xx, 400 for every invalid key, and no secret in any response or log line`, async () => {
    const results = await Promise.all(
      SAMPLES.map(async (sample, index) => {
        const running = fleet.start(sample, await fleet.provision(sample, 'rq'))
        const base = new URL(await ready(running))
        const random = new Random(SEED + index)
        const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
        const statuses = new Map<number, number>()
        const failures: string[] = []
        const responseLeaks: string[] = []
        let invalidKeys = 0
        let validKeys = 0
        let sent = 0
        const secrets = [...running.secrets, SENT_TOKEN, 'fuzz-not-the-real-header']
        const worker = async () => {
          while (sent < REQUESTS_PER_SAMPLE) {
            sent += 1
            const fuzz = generate(random)
            let answer: Answer
            try {
              answer = await send(agent, base, fuzz)
            } catch (error) {
              failures.push(`${fuzz.method} ${fuzz.path.slice(0, 80)}: ${(error as Error).message}`)
              continue
            }
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
            if (answer.status >= 500)
              failures.push(`${fuzz.method} ${fuzz.path.slice(0, 80)}: ${answer.status}`)
            if (fuzz.key !== undefined) {
              const expected = !fuzz.key.valid
                ? fuzz.key.encodedLength > MAX_PARAM_LENGTH
                  ? [414]
                  : [400]
                : fuzz.key.value === MESSAGE_KEY
                  ? [200]
                  : [200, 404]
              if (fuzz.key.valid) validKeys += 1
              else invalidKeys += 1
              if (!expected.includes(answer.status)) {
                failures.push(
                  `${fuzz.method} ${fuzz.path.slice(0, 1_000)} (key ${JSON.stringify(fuzz.key.value.slice(0, 60))}): ${answer.status}, expected ${expected.join(' or ')}: ${answer.text.slice(-300)}`,
                )
              }
            }
            for (const leak of findLeaks([answer.text], { secrets })) {
              responseLeaks.push(`${fuzz.method} ${fuzz.path.slice(0, 60)}: ${leak}`)
            }
          }
        }
        await Promise.all(Array.from({ length: CONCURRENCY }, worker))
        agent.destroy()
        return { sample, running, statuses, failures, responseLeaks, invalidKeys, validKeys, secrets }
      }),
    )
    await fleet.stopAll()
    for (const {
      sample,
      running,
      statuses,
      failures,
      responseLeaks,
      invalidKeys,
      validKeys,
      secrets,
    } of results) {
      expect(failures.slice(0, 20), sample.name).toEqual([])
      expect(responseLeaks.slice(0, 20), sample.name).toEqual([])
      expect(findLeaks(running.child.lines, { secrets }), sample.name).toEqual([])
      const total = [...statuses.values()].reduce((a, b) => a + b, 0)
      expect(total).toBe(REQUESTS_PER_SAMPLE)
      expect(invalidKeys).toBeGreaterThan(1_000)
      expect(validKeys).toBeGreaterThan(1_000)
      const fivexx = [...statuses].filter(([status]) => status >= 500).reduce((a, [, n]) => a + n, 0)
      summary.push(
        `request fuzz: ${sample.name}: ${count(total)} requests, ${fivexx} 5xx, ${count(invalidKeys)} invalid keys all 400/414, ${count(validKeys)} valid keys 200/404; statuses ${[
          ...statuses,
        ]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(
            ' ',
          )}; ${count(running.child.lines.length)} log lines and ${count(total)} responses scanned: 0 leaks`,
      )
    }
  })
})
