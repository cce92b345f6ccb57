import { Writable } from 'node:stream'
import Fastify from 'fastify'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { sampleErrorHandler } from '../src/app/error-handler.ts'
import { MissingEnvError } from '../src/errors/missing-env-error.ts'
import { exitOnConfigError, isLocalEndpoint } from '../src/index.ts'
import { loggerOptions } from '../src/logging/logger-options.ts'
import { escapeHtml } from '../src/page/html.ts'
import { prefersJson } from '../src/routes/prefers-json.ts'
import { appConfigurationScope } from '../src/status/app-configuration-scope.ts'
import { retryDelayMs } from '../src/status/backoff.ts'

describe('prefersJson', () => {
  it.each([
    ['application/json', true],
    ['application/json, text/html;q=0.5', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
    ['*/*', false],
    ['text/html, application/json', false],
    ['application/*', true],
    [undefined, false],
  ])('%s → JSON: %s', (accept, json) => {
    expect(prefersJson(accept)).toBe(json)
  })
})

describe('escapeHtml', () => {
  it('escapes the characters that matter in element content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    )
  })
})

describe('retryDelayMs', () => {
  it('doubles from 2 s and stays at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(retryDelayMs)).toEqual([
      2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ])
  })
})

describe('isLocalEndpoint and appConfigurationScope', () => {
  it('turns replica discovery off only for loopback and IP-literal stores', () => {
    expect(isLocalEndpoint('https://127.0.0.1:7443')).toBe(true)
    expect(isLocalEndpoint('https://[::1]:7443')).toBe(true)
    expect(isLocalEndpoint('https://localhost:7443')).toBe(true)
    expect(isLocalEndpoint('https://appcs-uami.azconfig.io')).toBe(false)
  })

  it('asks for the audience of the cloud the store is in', () => {
    expect(appConfigurationScope('https://appcs.azconfig.io')).toBe('https://appconfig.azure.com/.default')
    expect(appConfigurationScope('https://appcs.azconfig.azure.us')).toBe(
      'https://appconfig.azure.us/.default',
    )
    expect(appConfigurationScope('https://appcs.azconfig.azure.cn')).toBe(
      'https://appconfig.azure.cn/.default',
    )
    expect(appConfigurationScope('https://127.0.0.1:7443')).toBe('https://appconfig.azure.com/.default')
  })
})

describe('loggerOptions', () => {
  it('redacts authorization headers, the identity header and token or secret fields', () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const log = pino(loggerOptions('info'), stream)
    log.info({
      req: { headers: { authorization: 'Bearer abc.def.ghi', 'x-identity-header': 'header-secret' } },
      token: { token: 'tok-1', access_token: 'tok-2', accessToken: 'tok-3' },
      env: { IDENTITY_HEADER: 'header-secret-2' },
      credential: { clientSecret: 'client-secret' },
    })
    const output = lines.join('')
    for (const secret of ['Bearer', 'header-secret', 'tok-1', 'tok-2', 'tok-3', 'client-secret']) {
      expect(output).not.toContain(secret)
    }
    expect(output).toContain('[REDACTED]')
  })
})

describe('exitOnConfigError', () => {
  it('prints CODE: message on one line without a stack and exits with 1 for a coded error', () => {
    const written: string[] = []
    const exits: number[] = []
    expect(() =>
      exitOnConfigError(
        () => {
          throw new MissingEnvError({ variable: 'APP_CONFIG_ENDPOINT', purpose: 'Why.', fix: 'Fix.' })
        },
        {
          write: (line) => written.push(line),
          exit: (code) => {
            exits.push(code)
            throw new Error('exited')
          },
        },
      ),
    ).toThrow('exited')
    expect(written).toEqual(['UAMI_SAMPLE_ENV_MISSING: APP_CONFIG_ENDPOINT is not set. Why. Fix.\n'])
    expect(exits).toEqual([1])
  })

  it('rethrows an error that is not a configuration error', () => {
    const target = {
      write: () => undefined,
      exit: (): never => {
        throw new Error('must not exit')
      },
    }
    expect(() =>
      exitOnConfigError(() => {
        throw new TypeError('bug')
      }, target),
    ).toThrow('bug')
  })

  it('returns what the check returned', () => {
    expect(exitOnConfigError(() => 42)).toBe(42)
  })
})

describe('sampleErrorHandler', () => {
  it('hides the details of a 5xx and keeps the message of a 4xx', async () => {
    const app = Fastify()
    app.setErrorHandler(sampleErrorHandler)
    app.get('/boom', async () => {
      throw new Error('database password is hunter2')
    })
    app.get('/teapot', async () => {
      throw Object.assign(new Error('I am a teapot'), { statusCode: 418, code: 'TEAPOT' })
    })
    const boom = await app.inject('/boom')
    expect(boom.statusCode).toBe(500)
    expect(boom.json()).toEqual({
      statusCode: 500,
      code: 'UAMI_SAMPLE_INTERNAL',
      message: 'Internal Server Error',
    })
    const teapot = await app.inject('/teapot')
    expect(teapot.json()).toEqual({ statusCode: 418, code: 'TEAPOT', message: 'I am a teapot' })
    await app.close()
  })
})
