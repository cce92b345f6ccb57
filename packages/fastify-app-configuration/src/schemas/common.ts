/** A coded error in a response body. */
export const statusErrorSchema = {
  type: 'object',
  required: ['code', 'message', 'fix'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    fix: { type: 'string' },
    at: { type: 'string' },
  },
} as const

/** The body of every 4xx/5xx answer: a stable code and a message (and the fix, when there is one). */
export const errorReplySchema = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
    fix: { type: 'string' },
    error: statusErrorSchema,
  },
} as const

/**
 * The safe claims of a token — the only claims a response may carry (the response schema drops any other
 * property, so a token could not slip through even by mistake).
 */
export const claimsSchema = {
  type: 'object',
  properties: {
    oid: { type: 'string' },
    appid: { type: 'string' },
    azp: { type: 'string' },
    tid: { type: 'string' },
    aud: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    xms_mirid: { type: 'string' },
    xms_az_rid: { type: 'string' },
    iat: { type: 'number' },
    exp: { type: 'number' },
  },
  additionalProperties: false,
} as const

/** Which claim proved (or disproved) that the token belongs to the configured identity. */
export const matchSchema = {
  type: 'object',
  required: ['matches', 'kind', 'claim', 'expected'],
  properties: {
    matches: { type: 'boolean' },
    kind: { type: 'string' },
    claim: { type: 'string' },
    expected: { type: 'string' },
    received: { type: 'string' },
  },
} as const

/** Settings freshness and times. */
export const settingsInfoSchema = {
  type: 'object',
  required: ['loadedAt', 'lastRefreshedAt', 'freshness'],
  properties: {
    loadedAt: { type: 'string' },
    lastRefreshedAt: { type: 'string' },
    freshness: { type: 'string', enum: ['fresh', 'stale'] },
    lastRefreshError: statusErrorSchema,
  },
} as const
