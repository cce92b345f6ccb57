import { defineConfig } from 'vitest/config'

// One entry point for editors and `npx vitest`: every workspace is a project with its own vitest.config.ts.
// `npm test` runs the same projects per workspace through turbo, so results are cached per package.
export default defineConfig({
  test: {
    projects: ['packages/*', 'samples/*'],
  },
})
