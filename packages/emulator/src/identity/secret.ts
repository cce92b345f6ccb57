import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Checks a presented secret header against the expected value in constant time (both are hashed first, so
 * neither the content nor the length leaks through timing). A repeated header never matches.
 */
export function secretSatisfied(
  presented: string | string[] | undefined,
  expected: string,
): 'ok' | 'missing' | 'wrong' {
  if (presented === undefined || presented === '') return 'missing'
  if (typeof presented !== 'string') return 'wrong'
  const a = createHash('sha256').update(presented, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b) ? 'ok' : 'wrong'
}
