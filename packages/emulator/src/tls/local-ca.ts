import { randomBytes, webcrypto } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
// @peculiar/x509 v2 resolves its services through tsyringe, which needs a Reflect metadata polyfill.
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

type CryptoKey = webcrypto.CryptoKey

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const DAY_MS = 24 * 60 * 60 * 1000
const CA_LIFETIME_DAYS = 3650
const SERVER_LIFETIME_DAYS = 397
/** Renew the server certificate when it has less than this left. */
const SERVER_RENEW_DAYS = 30

/** File names inside the state directory. */
export const caFiles = {
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
} as const

export interface LocalTls {
  /** Absolute path of the CA certificate: what clients put in `NODE_EXTRA_CA_CERTS`. */
  caCertPath: string
  caCert: string
  /** Server certificate (PEM) for 127.0.0.1, ::1 and localhost, signed by the CA. */
  cert: string
  /** Server private key (PKCS#8 PEM). Never logged. */
  key: string
}

/**
 * Loads the emulator's local CA and server certificate from `stateDir`, creating them on first use. The CA is
 * generated once and kept (clients keep trusting it across restarts); the server certificate is re-issued by the
 * same CA when it nears expiry. Keys are written with mode 0600.
 */
export async function ensureLocalTls(stateDir: string): Promise<LocalTls> {
  const path = (name: string) => join(stateDir, name)
  let ca = await loadPair(path(caFiles.caCert), path(caFiles.caKey))
  if (!ca) {
    ca = await createCa()
    await writeAtomic(path(caFiles.caKey), ca.keyPem, 0o600)
    await writeAtomic(path(caFiles.caCert), ca.certPem, 0o644)
  }
  let server = await loadPair(path(caFiles.serverCert), path(caFiles.serverKey))
  if (!server || !isFresh(server.cert, ca.cert)) {
    server = await createServerCert(ca)
    await writeAtomic(path(caFiles.serverKey), server.keyPem, 0o600)
    await writeAtomic(path(caFiles.serverCert), server.certPem, 0o644)
  }
  return { caCertPath: path(caFiles.caCert), caCert: ca.certPem, cert: server.certPem, key: server.keyPem }
}

interface Pair {
  cert: x509.X509Certificate
  certPem: string
  keyPem: string
  privateKey: CryptoKey
}

async function loadPair(certPath: string, keyPath: string): Promise<Pair | undefined> {
  let certPem: string
  let keyPem: string
  try {
    ;[certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')])
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const cert = new x509.X509Certificate(certPem)
  const der = x509.PemConverter.decodeFirst(keyPem)
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, true, ['sign'])
  return { cert, certPem, keyPem, privateKey }
}

function isFresh(server: x509.X509Certificate, ca: x509.X509Certificate): boolean {
  return server.issuer === ca.subject && server.notAfter.getTime() - Date.now() > SERVER_RENEW_DAYS * DAY_MS
}

async function createCa(): Promise<Pair> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=uami local CA ${randomBytes(4).toString('hex')}, O=uami emulator`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_LIFETIME_DAYS * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return {
    cert,
    certPem: cert.toString('pem'),
    keyPem: await exportKey(keys.privateKey),
    privateKey: keys.privateKey,
  }
}

async function createServerCert(ca: Pair): Promise<Pair> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=127.0.0.1, O=uami emulator',
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + SERVER_LIFETIME_DAYS * DAY_MS),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
        { type: 'dns', value: 'localhost' },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
    ],
  })
  return {
    cert,
    certPem: cert.toString('pem'),
    keyPem: await exportKey(keys.privateKey),
    privateKey: keys.privateKey,
  }
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key)
  return x509.PemConverter.encode(der, 'PRIVATE KEY')
}

function serial(): string {
  // Positive 16-byte serial (high bit clear).
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] ?? 0) & 0x7f
  return bytes.toString('hex')
}

async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, content, { mode })
  await rename(tmp, path)
}
