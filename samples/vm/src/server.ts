import { exitOnConfigError, listenWithGrace, serverOptions } from '@uami/sample-kit'
import Fastify from 'fastify'
import app from './app.js'
import { readEnv } from './env.js'

const env = exitOnConfigError(() => readEnv())
const server = Fastify(serverOptions(env.logLevel))
await server.register(app, { env })
await listenWithGrace(server, env)
