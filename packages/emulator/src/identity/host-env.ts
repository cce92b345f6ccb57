import type { EmulatorContext } from '../context.js'

/** The environment Azure gives a process on the host (being built). */
export function hostEnvironment(_ctx: EmulatorContext, _hostResourceId: string): Record<string, string> {
  throw new Error('hostEnv is not built yet')
}
