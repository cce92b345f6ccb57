import { Writable } from 'node:stream'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { loggerOptions, serverOptions } from '../src/logging/logger-options.ts'

/** A Fastify app with the samples' server options whose logs go to `lines`. */
function appLoggingTo(lines: string[], level: 'info' | 'debug') {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  const { logger: _options, ...options } = serverOptions(level)
  const loggerInstance: FastifyBaseLogger = pino(loggerOptions(level), stream)
  const app = Fastify({ ...options, loggerInstance })
  app.get('/quiet', async () => ({ ok: true }))
  app.get('/logs', async (request) => {
    request.log.warn({ detail: { token: 'tok-secret' } }, 'something worth a line')
    return { ok: true }
  })
  return app
}

const records = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>)

describe('request loggers (serverOptions)', () => {
  it('at info, a request that logs nothing writes nothing; one that logs gets its reqId and the redaction', async () => {
    const lines: string[] = []
    const app = appLoggingTo(lines, 'info')
    expect((await app.inject('/quiet')).statusCode).toBe(200)
    expect(lines).toEqual([])
    const response = await app.inject('/logs')
    expect(response.statusCode).toBe(200)
    const [record, ...more] = records(lines)
    expect(more).toEqual([])
    expect(record).toMatchObject({
      level: 40,
      msg: 'something worth a line',
      detail: { token: '[REDACTED]' },
    })
    expect(record?.reqId).toEqual(expect.any(String))
    expect(lines.join('')).not.toContain('tok-secret')
    await app.close()
  })

  it('at debug, every request is logged (incoming and completed) with the same reqId', async () => {
    const lines: string[] = []
    const app = appLoggingTo(lines, 'debug')
    await app.inject('/quiet')
    const logged = records(lines)
    expect(logged.map((record) => record.msg)).toEqual(['incoming request', 'request completed'])
    expect(logged[0]?.reqId).toBe(logged[1]?.reqId)
    await app.close()
  })

  it('a child of a request logger logs with both bindings', async () => {
    const lines: string[] = []
    const app = appLoggingTo(lines, 'info')
    app.get('/child', async (request) => {
      request.log.child({ step: 'load' }).error('failed')
      return { ok: true }
    })
    await app.inject('/child')
    expect(records(lines)[0]).toMatchObject({ step: 'load', msg: 'failed', reqId: expect.any(String) })
    await app.close()
  })
})
