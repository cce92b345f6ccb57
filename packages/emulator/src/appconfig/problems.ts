import type { FastifyReply } from 'fastify'

/** Media types of the App Configuration data plane (the real service adds `; charset=utf-8`). */
export const mediaTypes = {
  kv: 'application/vnd.microsoft.appconfig.kv+json; charset=utf-8',
  kvset: 'application/vnd.microsoft.appconfig.kvset+json; charset=utf-8',
  labelset: 'application/vnd.microsoft.appconfig.labelset+json; charset=utf-8',
  keyset: 'application/vnd.microsoft.appconfig.keyset+json; charset=utf-8',
  snapshotset: 'application/vnd.microsoft.appconfig.snapshotset+json; charset=utf-8',
  problem: 'application/problem+json; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const

/** An RFC 7807 problem document in the shape App Configuration sends (`type` URIs under `https://azconfig.io/errors/`). */
export interface Problem {
  type: string
  title: string
  name?: string
  detail: string
  /** Position of the offending character in a filter (App Configuration's `pos` extension). */
  pos?: number
  status: number
}

/** Thrown by request parsing; the store app's error handler turns it into a problem+json response. */
export class ProblemError extends Error {
  override name = 'ProblemError' as const
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title)
  }
}

/**
 * 400 `invalid-argument`, as App Configuration answers a bad query parameter, header or body field:
 * `{"type":"https://azconfig.io/errors/invalid-argument","title":"Invalid request parameter 'key'","name":"key",
 * "detail":"key(2): Invalid character","status":400}`.
 */
export function invalidArgument(name: string, detail: string, pos?: number): ProblemError {
  return new ProblemError({
    type: 'https://azconfig.io/errors/invalid-argument',
    title: `Invalid request parameter '${name}'`,
    name,
    detail,
    ...(pos === undefined ? {} : { pos }),
    status: 400,
  })
}

/** 409 `key-locked`: a write to a read-only key-value (title typo "Modifing" is Azure's). */
export function keyLocked(key: string): Problem {
  return {
    type: 'https://azconfig.io/errors/key-locked',
    title: `Modifing key '${key}' is not allowed`,
    name: key,
    detail: 'The key is read-only. To allow modification unlock it first.',
    status: 409,
  }
}

/** Sends a problem document with its status. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(mediaTypes.problem).send(JSON.stringify(problem))
}

/** The Azure-wide error envelope used for 401/403, so `RestError.code`/`.message` carry the reason. */
export function sendAuthError(
  reply: FastifyReply,
  status: 401 | 403,
  code: string,
  message: string,
): FastifyReply {
  return reply
    .code(status)
    .type(mediaTypes.json)
    .send(JSON.stringify({ error: { code, message } }))
}

/** 404 for a snapshot: snapshots are not emulated (the provider treats a missing snapshot as empty). */
export function snapshotNotFound(name: string): Problem {
  return {
    type: 'about:blank',
    title: 'Not Found',
    name,
    detail: `Snapshot '${name}' was not found: the uami emulator does not emulate App Configuration snapshots.`,
    status: 404,
  }
}
