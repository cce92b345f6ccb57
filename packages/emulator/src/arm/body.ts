import { invalidRequestContent, locationRequired } from './errors.js'

/** A parsed JSON object body. */
export type JsonObject = Record<string, unknown>

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Parses the raw request body as a JSON object. Throws 400 `InvalidRequestContent` for an empty body, invalid
 * JSON, or JSON that is not an object.
 */
export function parseObjectBody(raw: string | undefined): JsonObject {
  if (raw === undefined || raw.trim() === '') {
    throw invalidRequestContent(
      'the request body is empty. Send a JSON object, for example {"location":"eastus"}.',
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch (error) {
    throw invalidRequestContent(`'${(error as Error).message}'. Send a JSON object.`)
  }
  if (!isObject(parsed)) throw invalidRequestContent('the request body must be a JSON object.')
  return parsed
}

/** `properties` of a body: an object, or `{}` when absent. Throws 400 when it is something else. */
export function propertiesOf(body: JsonObject): JsonObject {
  const properties = body.properties
  if (properties === undefined || properties === null) return {}
  if (!isObject(properties)) throw invalidRequestContent("'properties' must be a JSON object.")
  return properties
}

/** ARM stores locations lower-case without spaces: `East US` → `eastus`. */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase()
}

/** The required `location` of a PUT body, normalised. Throws 400 `LocationRequired` / `InvalidRequestContent`. */
export function requiredLocation(body: JsonObject): string {
  const location = body.location
  if (location === undefined || location === null || location === '') throw locationRequired()
  if (typeof location !== 'string' || normalizeLocation(location) === '') {
    throw invalidRequestContent('\'location\' must be a non-empty string such as "eastus".')
  }
  return normalizeLocation(location)
}

/** The optional `location` of a PATCH body, normalised. */
export function optionalLocation(body: JsonObject): string | undefined {
  if (body.location === undefined || body.location === null) return undefined
  return requiredLocation(body)
}

/** `tags` of a body: a string map, `{}` when absent, `undefined` when absent and `absentIsUndefined`. */
export function tagsOf(body: JsonObject): Record<string, string> | undefined {
  const tags = body.tags
  if (tags === undefined || tags === null) return undefined
  if (!isObject(tags)) throw invalidRequestContent("'tags' must be a JSON object of string values.")
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') {
      throw invalidRequestContent(`the value of tag '${key}' must be a string.`)
    }
    result[key] = value
  }
  return result
}

/**
 * A shallow copy of `object` without `keys` (case-insensitive): what is left of a body or its `properties` once
 * the modelled or computed fields are taken out, to echo back.
 */
export function omitKeys(object: JsonObject, keys: readonly string[]): JsonObject {
  const result: JsonObject = {}
  const skip = new Set(keys.map((key) => key.toLowerCase()))
  for (const [key, value] of Object.entries(object)) {
    if (!skip.has(key.toLowerCase())) result[key] = value
  }
  return result
}
