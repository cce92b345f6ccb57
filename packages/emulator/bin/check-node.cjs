// The Node.js version check that `uami`, `uami-emulator` and the repository's `npm start` run before anything else
// is loaded. The Azure SDK packages, execa and the tour need a recent Node.js; on an older one they fail with a stack
// trace far from the cause (`TEXT_ENCODINGS.union is not a function`). Plain syntax and CommonJS, so that any Node.js
// can parse it. Run as a script: `node check-node.cjs <command> <major.minor>`.
'use strict'

/**
 * Exits with code 1 and one coded message on standard error when this Node.js is older than `needed`.
 * @param {string} command the command the reader ran, named in the message
 * @param {string} needed the oldest supported version, `major.minor`
 */
function requireNode(command, needed) {
  var want = needed.split('.').map(Number)
  var found = process.versions.node.split('.').map(Number)
  if (found[0] > want[0] || (found[0] === want[0] && found[1] >= want[1])) return
  process.stderr.write(
    'UAMI_NODE_TOO_OLD: ' +
      command +
      ' needs Node.js ' +
      needed +
      ' or later; this is Node.js ' +
      process.versions.node +
      ' (' +
      process.execPath +
      ').\n' +
      'Install a newer Node.js: `nvm install` in the repository (it reads .nvmrc), `nvm install 22` elsewhere, or the\n' +
      'installer from https://nodejs.org/en/download. Then run the command again.\n',
  )
  process.exit(1)
}

module.exports = { requireNode }

if (require.main === module) requireNode(process.argv[2] || 'this command', process.argv[3] || '22.12')
