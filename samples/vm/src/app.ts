import type { SampleAppOptions } from '@uami/sample-kit'
import { sampleApp } from '@uami/sample-kit'
import type { FastifyInstance } from 'fastify'
import { sample } from './sample.js'

/**
 * The VM sample: the shared app (credential for the identity → settings from App Configuration →
 * routes, one error handler) with this sample's host and identifier kind.
 */
export default async function app(fastify: FastifyInstance, options: SampleAppOptions): Promise<void> {
  await fastify.register(sampleApp, { ...options, sample })
}
