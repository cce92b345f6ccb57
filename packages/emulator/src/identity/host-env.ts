import type { EmulatorContext } from '../context.ts'

/** The environment Azure gives a process on the host (being built). */
export function hostEnvironment(_ctx: EmulatorContext, _hostResourceId: string): Record<string, string> {
  throw new Error('hostEnv is not built yet')
}
