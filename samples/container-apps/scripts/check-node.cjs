// npm start runs this first, before anything is imported: the Azure SDK packages need Node.js 22.12 or later, and
// on an older Node they fail with a stack trace far from the cause. Plain syntax, so that any Node can parse it.
var needed = [22, 12]
var found = process.versions.node.split('.').map(Number)
if (found[0] < needed[0] || (found[0] === needed[0] && found[1] < needed[1])) {
  process.stderr.write(
    'UAMI_NODE_TOO_OLD: this sample needs Node.js ' +
      needed.join('.') +
      ' or later; this is Node.js ' +
      process.versions.node +
      '.\nInstall Node.js 22 (nvm install 22, or the installer from https://nodejs.org) and run npm start again.\n',
  )
  process.exit(1)
}
