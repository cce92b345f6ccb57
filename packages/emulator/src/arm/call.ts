import type { EmulatorContext } from '../context.js'
import type { VerifiedToken } from '../tokens/token-service.js'
import { type JsonObject, parseObjectBody } from './body.js'
import type { ArmRoute } from './route.js'

/** One authenticated ARM request, as the resource handlers see it. */
export class ArmCall {
  #body: JsonObject | undefined

  constructor(
    readonly ctx: EmulatorContext,
    /** Upper-case HTTP method. */
    readonly method: string,
    readonly route: ArmRoute,
    readonly query: URLSearchParams,
    readonly apiVersion: string,
    /** The validated caller (its `oid` is the principal RBAC checks). */
    readonly caller: VerifiedToken,
    readonly rawBody: string | undefined,
  ) {}

  /** The request body as a JSON object; throws 400 `InvalidRequestContent` otherwise. */
  body(): JsonObject {
    this.#body ??= parseObjectBody(this.rawBody)
    return this.#body
  }

  /** The emulator's subscription ID. */
  get subscriptionId(): string {
    return this.ctx.state.data.subscriptionId
  }
}

/** What a handler answers. `body` is sent as JSON; `undefined` means no body. */
export interface ArmReply {
  status: number
  body?: unknown
  /** A non-JSON body (e.g. App Service's publishing profile XML); wins over `body`. */
  text?: { contentType: string; value: string }
  headers?: Record<string, string>
}

/** `{ value: [...] }`, ARM's list shape (the emulator never pages). */
export function listReply(value: unknown[]): ArmReply {
  return { status: 200, body: { value } }
}
