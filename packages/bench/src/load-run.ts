import autocannon from 'autocannon'

/** Options of {@link runLoad}. */
export interface LoadOptions {
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly durationSeconds: number
  readonly connections: number
  /** Run autocannon in this many worker threads (0: on this thread). */
  readonly workers?: number
}

/** What a load run measured. */
export interface LoadResult {
  /** Mean requests per second. */
  readonly requestsPerSecond: number
  /** Latency percentiles, in ms. */
  readonly p50: number
  readonly p99: number
  /** Responses received. */
  readonly requests: number
  /** Non-2xx responses plus connection errors and timeouts. */
  readonly failed: number
}

/**
 * Fires requests at one URL with autocannon for a fixed time, and summarises the result.
 *
 * @param options - URL, headers, duration, connections.
 * @returns Throughput, latency percentiles, response and failure counts.
 * @throws autocannon's error when the load cannot be started (e.g. a malformed URL).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: { ...options.headers },
    duration: options.durationSeconds,
    connections: options.connections,
    ...(options.workers ? { workers: options.workers } : {}),
  })
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failed: result.non2xx + result.errors,
  }
}
