/** `true` for `localhost`, `*.localhost`, 127.0.0.0/8, `::1` and IPv4-mapped loopback. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true
  const v4 = host.replace(/^::ffff:/, '')
  const parts = v4.split('.')
  if (parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) {
    return parts[0] === '127'
  }
  return false
}

/** `true` when `value` is an absolute URL whose host is a loopback address; `false` otherwise (also when unparsable). */
export function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopbackHostname(new URL(value).hostname)
  } catch {
    return false
  }
}
