import { MAX_KEY_LENGTH } from '../env/env-schema.js'
import {
  claimsSchema,
  errorReplySchema,
  matchSchema,
  settingsInfoSchema,
  statusErrorSchema,
} from './common.js'

/**
 * An App Configuration key as `/config/:key` accepts it: 1 to {@link MAX_KEY_LENGTH} characters, not `.` or `..`,
 * and none of `%` (not allowed in keys), `*`, `,`, `\` (reserved in key filters) or control characters.
 */
export const configKeyPattern = '^(?!\\.{1,2}$)[^%*,\\\\\\u0000-\\u001f\\u007f]+$'

/** `GET /config/:key`. */
export const configRouteSchema = {
  params: {
    type: 'object',
    required: ['key'],
    properties: {
      key: { type: 'string', minLength: 1, maxLength: MAX_KEY_LENGTH, pattern: configKeyPattern },
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      required: ['key', 'value', 'loadedAt', 'lastRefreshedAt', 'freshness'],
      properties: { key: { type: 'string' }, value: {}, ...settingsInfoSchema.properties },
    },
    '4xx': errorReplySchema,
    503: errorReplySchema,
  },
} as const

/** `GET /identity`. */
export const identityRouteSchema = {
  response: {
    200: {
      type: 'object',
      required: ['sample', 'host', 'kind', 'variable', 'value', 'credential', 'claims', 'match', 'checkedAt'],
      properties: {
        sample: { type: 'string' },
        host: { type: 'string' },
        kind: { type: 'string' },
        variable: { type: 'string' },
        value: { type: 'string' },
        credential: { type: 'string' },
        claims: claimsSchema,
        match: matchSchema,
        checkedAt: { type: 'string' },
      },
    },
    503: errorReplySchema,
  },
} as const

/** `GET /healthz`. */
export const healthRouteSchema = {
  response: {
    200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  },
} as const

/** `GET /readyz`. */
export const readyRouteSchema = {
  response: {
    200: {
      type: 'object',
      required: ['status', 'settings'],
      properties: { status: { type: 'string', enum: ['ready'] }, settings: settingsInfoSchema },
    },
    503: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { type: 'string', enum: ['starting', 'failed'] },
        error: statusErrorSchema,
        attempts: { type: 'integer' },
        nextAttemptAt: { type: 'string' },
      },
    },
  },
} as const

/** `GET /` as JSON (`Accept: application/json`). The HTML page shows the same data. */
export const homeRouteSchema = {
  response: {
    200: {
      type: 'object',
      required: ['sample', 'state', 'ready', 'identity', 'errors'],
      properties: {
        sample: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            title: { type: 'string' },
            host: { type: 'string' },
            identifierKind: { type: 'string' },
            why: { type: 'string' },
          },
        },
        state: { type: 'string', enum: ['starting', 'ready', 'failed'] },
        ready: { type: 'boolean' },
        identity: {
          type: 'object',
          properties: {
            kind: { type: 'string' },
            variable: { type: 'string' },
            value: { type: 'string' },
            credential: { type: 'string' },
            detectedHost: { type: 'string' },
            notes: { type: 'array', items: { type: 'string' } },
            claims: claimsSchema,
            match: matchSchema,
            checkedAt: { type: 'string' },
          },
        },
        settings: {
          type: 'object',
          properties: {
            endpoint: { type: 'string' },
            sentinelKey: { type: 'string' },
            refreshSeconds: { type: 'integer' },
            values: { type: 'object', additionalProperties: true },
            ...settingsInfoSchema.properties,
          },
        },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              ...statusErrorSchema.properties,
              during: { type: 'string', enum: ['start', 'refresh'] },
            },
          },
        },
        attempts: { type: 'integer' },
        nextAttemptAt: { type: 'string' },
      },
    },
  },
} as const
