import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** The built site, `docs/site/` (turbo runs the `docs` task before these tests). */
export const SITE_DIR = fileURLToPath(new URL('../../../../docs/site/', import.meta.url))

/** Fails with the command to run when the site has not been built. */
export function assertSiteBuilt(): void {
  if (!existsSync(`${SITE_DIR}index.html`)) {
    throw new Error(`docs/site/index.html is missing: run \`npm run docs\` from the repository root first.`)
  }
}

/** The guides in step order: title as TypeDoc shows it, and the page TypeDoc writes for it. */
export const GUIDES = [
  { title: 'Overview', page: 'documents/Overview.html' },
  { title: 'Try it locally', page: 'documents/Overview.Try_it_locally.html' },
  { title: 'Create the identity', page: 'documents/Overview.Create_the_identity.html' },
  { title: 'Attach it to the host', page: 'documents/Overview.Attach_it_to_the_host.html' },
  {
    title: 'Assign App Configuration Data Reader',
    page: 'documents/Overview.Assign_App_Configuration_Data_Reader.html',
  },
  { title: 'Write the code', page: 'documents/Overview.Write_the_code.html' },
  { title: 'Deploy each sample', page: 'documents/Overview.Deploy_each_sample.html' },
  { title: 'The local emulator', page: 'documents/Overview.The_local_emulator.html' },
  { title: 'Troubleshooting', page: 'documents/Overview.Troubleshooting.html' },
  { title: 'Errata', page: 'documents/Overview.Errata.html' },
] as const

/** The page of a guide by title. */
export function guidePage(title: (typeof GUIDES)[number]['title']): string {
  const guide = GUIDES.find((candidate) => candidate.title === title)
  if (guide === undefined) throw new Error(`no guide titled ${title}`)
  return guide.page
}
