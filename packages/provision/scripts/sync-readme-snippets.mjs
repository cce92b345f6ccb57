// Copies examples/*.ts into the README code blocks that follow `<!-- snippet: examples/<file> -->` markers.
// test/examples.test.ts fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs'

const readmeUrl = new URL('../README.md', import.meta.url)
const readme = readFileSync(readmeUrl, 'utf8')
const updated = readme.replace(/(<!-- snippet: (\S+) -->\n+```ts\n)[\s\S]*?```/g, (_match, head, file) => {
  const code = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
  return `${head}${code}\`\`\``
})
writeFileSync(readmeUrl, updated)
console.log(updated === readme ? 'README snippets already up to date' : 'README snippets updated')
