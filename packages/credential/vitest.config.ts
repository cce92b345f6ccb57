import { defineProject, mergeConfig } from 'vitest/config'
import { sharedProject } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedProject,
  defineProject({
    test: {
      // Builds dist when it is missing or stale: the end-to-end tests run the built package in child processes.
      globalSetup: ['./test/global-setup.ts'],
    },
  }),
)
