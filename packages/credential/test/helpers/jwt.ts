/** Builds a JWT-shaped string with the given claims. The signature is fake: nothing here verifies it. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${encode(claims)}.${Buffer.from('not-a-signature').toString('base64url')}`
}
