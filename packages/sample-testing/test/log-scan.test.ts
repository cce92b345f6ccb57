import { describe, expect, it } from 'vitest'
import { findLeaks } from '../src/index.ts'

describe('findLeaks', () => {
  it('flags a secret value, anything shaped like a JWT and "Bearer ", without repeating the secret', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiIxMjM0NTY3ODkwIn0.c2ln'
    const leaks = findLeaks(['ok', 'header s3cr3t-value', `token ${jwt}`, 'authorization: Bearer x'], {
      secrets: ['s3cr3t-value'],
    })
    expect(leaks).toEqual(['line 2: secret #1', 'line 3: a JWT', 'line 4: "Bearer "'])
    expect(findLeaks(['{"level":30,"msg":"settings loaded"}'], { secrets: ['s3cr3t-value'] })).toEqual([])
  })

  it('flags an Authorization header logged with its value, and lets the redacted one through', () => {
    const leaks = findLeaks(
      [
        '{"req":{"headers":{"authorization":"[REDACTED]"}}}',
        'azure:core-rest-pipeline:info Request: { "headers": { "authorization": "REDACTED" } }',
        '{"req":{"headers":{"authorization":"HMAC-SHA256 Credential=abc"}}}',
        'Authorization: Basic dXNlcjpwYXNz',
        'authorization=SharedKey account:sig',
        'App Configuration authorization failed (403)',
      ],
      { secrets: [] },
    )
    expect(leaks).toEqual([
      'line 3: an Authorization header',
      'line 4: an Authorization header',
      'line 5: an Authorization header',
    ])
  })
})
