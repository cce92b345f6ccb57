import { generateKeyPairSync } from 'node:crypto'

/**
 * An OpenSSH public key for the emulated VM, whose private half is thrown away at once: the VM exists only in ARM,
 * nothing can log in, and no key of yours is read or stored.
 */
export function throwawaySshPublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  const blob = Buffer.concat([lengthPrefixed(Buffer.from('ssh-ed25519')), lengthPrefixed(raw)])
  return `ssh-ed25519 ${blob.toString('base64')} uami-emulated-vm`
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}
