// Installs packages into a project outside the repository the way a user would — packed workspace tarballs plus
// registry packages — without reaching the registry: it writes the project a package-lock.json cut from the
// repository's own lock (the versions `npm ci` put in npm's cache) and runs `npm ci --offline` in its own process
// group, killed as a whole when it outlives its time. Used by the packaging and copy-out tests.
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('..', import.meta.url))

/**
 * Runs a command in its own process group; on a timeout the whole group (npm and all it started) is killed, and
 * the promise rejects only once the child has closed its output (so the group is gone before a caller cleans up).
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs: number }} options
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
export function runBounded(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk
    })
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // the group has already exited
      }
    }
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      killGroup()
      // Rejected on 'close', once the group is gone: a caller that removes its temporary folder then removes it
      // from under no process. A process that left the group but holds the output open must not hang us: close
      // the pipes after 5 s.
      setTimeout(() => {
        child.stdout.destroy()
        child.stderr.destroy()
      }, 5_000).unref()
    }, options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      killGroup()
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      killGroup()
      if (timedOut) {
        reject(
          new Error(
            `${command} ${args.join(' ')} did not finish in ${options.timeoutMs} ms; its process group was killed\n${stdout}\n${stderr}`,
          ),
        )
      } else if (code === 0) resolve({ stdout, stderr })
      else
        reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}\n${stdout}\n${stderr}`))
    })
  })
}

/**
 * The lock entries a set of dependencies needs, taken from the repository's lock with their hoisted paths, which
 * stay a valid layout for any subset that is closed under dependency resolution.
 * @param {Record<string, any>} packages the repository lock's `packages`
 * @param {Record<string, string>} roots dependency name → version range (registry packages)
 * @param {Record<string, string>} workspaces workspace package name → tarball path
 */
function closure(packages, roots, workspaces) {
  /** @type {Record<string, any>} */
  const picked = {}
  /** @param {string} from lock path of the dependent ('' for the project) @param {string} name */
  const resolve = (from, name) => {
    let base = from
    for (;;) {
      const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`
      const entry = packages[candidate]
      if (entry !== undefined) return [candidate, entry]
      if (base === '') return undefined
      const cut = base.lastIndexOf('/node_modules/')
      base = cut === -1 ? '' : base.slice(0, cut)
    }
  }
  /** @param {string} from @param {Record<string, string>} deps @param {boolean} optional */
  const visit = (from, deps, optional) => {
    for (const name of Object.keys(deps ?? {})) {
      if (name in workspaces) continue
      const found = resolve(from, name)
      if (found === undefined) {
        if (optional) continue
        throw new Error(
          `offline-install: ${name} (needed by ${from || 'the project'}) is not in package-lock.json`,
        )
      }
      const [path, entry] = found
      if (entry.link === true) {
        const workspace = packages[entry.resolved]
        throw new Error(
          `offline-install: ${name} is the workspace ${workspace?.name ?? entry.resolved}; pack it`,
        )
      }
      if (path in picked) continue
      picked[path] = entry
      visit(path, entry.dependencies, false)
      visit(path, entry.optionalDependencies, true)
      for (const peer of Object.keys(entry.peerDependencies ?? {})) {
        if (entry.peerDependenciesMeta?.[peer]?.optional) continue
        visit(path, { [peer]: '*' }, true)
      }
    }
  }
  visit('', roots, false)
  for (const tarball of Object.values(workspaces)) {
    const manifest = readManifest(tarball)
    visit('', { ...manifest.dependencies }, false)
    visit('', { ...manifest.optionalDependencies }, true)
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) visit('', { [peer]: '*' }, true)
  }
  return picked
}

/** The package.json inside a packed tarball (read with tar, which every machine that runs npm has). */
const manifests = new Map()
function readManifest(tarball) {
  if (!manifests.has(tarball)) {
    const { execFileSync } = process.getBuiltinModule('node:child_process')
    const text = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })
    manifests.set(tarball, JSON.parse(text))
  }
  return manifests.get(tarball)
}

/**
 * Writes `project/package.json`'s dependencies and a package-lock.json, then runs `npm ci --offline` there.
 * @param {{ project: string, tarballs: Record<string, string>, dependencies?: Record<string, string>,
 *   devDependencies?: Record<string, string>, timeoutMs: number }} options
 *   tarballs: workspace package name → packed tarball (absolute path; copied next to the project's lock by path)
 */
export async function offlineInstall(options) {
  const { packages } = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8'))
  const manifestPath = join(options.project, 'package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  /** @type {Record<string, string>} */
  const registry = {}
  /** @type {Record<string, string>} */
  const declared = { ...manifest.dependencies, ...manifest.devDependencies, ...options.dependencies }
  for (const [name, range] of Object.entries({ ...declared, ...options.devDependencies })) {
    if (!(name in options.tarballs)) registry[name] = range
  }
  const picked = closure(packages, registry, options.tarballs)
  const lockPackages = {}
  const tarballSpec = (name) => `file:${options.tarballs[name]}`
  const rewrite = (deps) => {
    if (deps === undefined) return undefined
    const out = { ...deps }
    for (const name of Object.keys(out)) if (name in options.tarballs) out[name] = tarballSpec(name)
    return out
  }
  const undeclared = Object.fromEntries(
    Object.keys(options.tarballs)
      .filter((name) => !(name in declared) && !(name in (options.devDependencies ?? {})))
      .map((name) => [name, '*']),
  )
  manifest.dependencies = rewrite({ ...undeclared, ...manifest.dependencies, ...options.dependencies })
  if (manifest.devDependencies !== undefined || options.devDependencies !== undefined) {
    manifest.devDependencies = rewrite({ ...manifest.devDependencies, ...options.devDependencies })
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)
  lockPackages[''] = {
    name: manifest.name,
    ...(manifest.dependencies && { dependencies: manifest.dependencies }),
    ...(manifest.devDependencies && { devDependencies: manifest.devDependencies }),
  }
  const dev = new Set(Object.keys(manifest.devDependencies ?? {}))
  for (const [name, tarball] of Object.entries(options.tarballs)) {
    const packed = readManifest(tarball)
    lockPackages[`node_modules/${name}`] = {
      version: packed.version,
      resolved: tarballSpec(name),
      ...(dev.has(name) && { dev: true }),
      ...(packed.dependencies && { dependencies: packed.dependencies }),
      ...(packed.peerDependencies && { peerDependencies: packed.peerDependencies }),
      ...(packed.peerDependenciesMeta && { peerDependenciesMeta: packed.peerDependenciesMeta }),
    }
  }
  for (const [path, entry] of Object.entries(picked)) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...rest } = entry
    lockPackages[path] = rest
  }
  writeFileSync(
    join(options.project, 'package-lock.json'),
    `${JSON.stringify({ name: manifest.name, lockfileVersion: 3, requires: true, packages: lockPackages }, null, 2)}\n`,
  )
  return runBounded(
    'npm',
    ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    { cwd: options.project, timeoutMs: options.timeoutMs },
  )
}
