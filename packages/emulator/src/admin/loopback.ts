import type { FastifyReply, FastifyRequest } from 'fastify'

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** True for a connection from this machine's loopback interface. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && loopbackAddresses.has(address)
}

/** True when the `Host` header names a loopback address (a DNS-rebinding page would send its own name). */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false
  const host = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : (hostHeader.split(':')[0] ?? '')
  return loopbackHosts.has(host.toLowerCase())
}

/**
 * `onRequest` hook for the admin API: refuses (403) requests that do not come from loopback, or that name
 * another host in `Host` (a web page using DNS rebinding). The emulator binds 127.0.0.1 only; this is the second
 * lock on the door.
 */
export async function requireLoopback(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (isLoopbackAddress(request.socket.remoteAddress) && isLoopbackHost(request.headers.host)) return
  await reply.code(403).send({
    error: {
      code: 'UAMI_EMU_ADMIN_FORBIDDEN',
      message: 'The admin API answers only loopback requests addressed to 127.0.0.1 or localhost.',
    },
  })
}
