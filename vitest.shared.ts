import { defineProject } from 'vitest/config'

/**
 * Settings every workspace's vitest project shares. Tests talk to the local emulator over real sockets, so
 * they get generous timeouts; nothing here asserts on time (speed is the benchmark's job).
 */
export const sharedProject = defineProject({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
})
