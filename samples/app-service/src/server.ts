import { exitOnConfigError, listenWithGrace, serverOptions } from '@uami/fastify-app-configuration'
import Fastify from 'fastify'
import app from './app.js'
import { readEnv } from './env.js'

// 1. The environment, once: a missing or malformed identifier stops here with a coded error naming the variable.
const env = exitOnConfigError(() => readEnv())
// 2. Fastify with JSON logs that redact every header and field a secret could be in.
const server = Fastify(serverOptions(env.logLevel))
// 3. The app: credential → settings → routes (app.ts).
await server.register(app, { env })
// 4. Listen; SIGTERM (App Service stopping the container) closes the server gracefully.
await listenWithGrace(server, env)
