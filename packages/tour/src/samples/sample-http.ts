/** One HTTP answer of a sample, parsed as JSON when it is JSON. */
export interface SampleAnswer {
  status: number
  body: unknown
}

/**
 * GETs a path of a running sample (loopback only), asking for JSON. Network errors reject.
 *
 * @example
 * ```ts
 * const { status, body } = await getJson('http://127.0.0.1:3001', '/readyz')
 * ```
 */
export async function getJson(baseUrl: string, path: string, timeoutMs = 5000): Promise<SampleAnswer> {
  const response = await fetch(new URL(path, baseUrl), {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body }
}
