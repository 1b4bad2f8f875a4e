import { IntegrityError, NoResultFound, ForeignKeyViolationError, UniqueViolationError } from '@athanor/core'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'

/** Where a request's input failed validation. */
export type InputPart = 'body' | 'query' | 'params'

/** A request's body, query string or path parameters did not match their schema: HTTP 400. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError'

  constructor(
    readonly part: InputPart,
    readonly fieldErrors: Record<string, string[]>,
    readonly formErrors: string[] = [],
  ) {
    super(`Invalid request ${part}`)
  }

  static fromZod(part: InputPart, error: z.ZodError): RequestValidationError {
    const flat = z.flattenError(error)
    return new RequestValidationError(part, flat.fieldErrors as Record<string, string[]>, flat.formErrors)
  }

  static forField(part: InputPart, field: string, message: string): RequestValidationError {
    return new RequestValidationError(part, { [field]: [message] })
  }
}

/** A missing object, named by kind and key: HTTP 404. Core's `NoResultFound` maps to 404 too. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError'

  static forKey(kind: string, key: number | string): NotFoundError {
    return new NotFoundError(`${kind} ${key} not found`)
  }
}

/** Parses one part of a request with its schema, or throws a RequestValidationError naming the fields. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, part: InputPart): T {
  const result = schema.safeParse(value ?? {})
  if (!result.success) throw RequestValidationError.fromZod(part, result.error)
  return result.data
}

/** The JSON body of an error response. */
export interface ErrorBody {
  readonly error: string
  readonly message: string
  readonly fieldErrors?: Record<string, string[]>
  readonly formErrors?: string[]
}

/**
 * Maps an error to a status and a body. Database errors keep their SQL (and the driver's message,
 * which may quote values) in the server log only: a client learns the kind of conflict, never the SQL.
 */
export function toHttpError(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof RequestValidationError) {
    return { status: 400, body: { error: 'ValidationError', message: error.message, fieldErrors: error.fieldErrors, formErrors: error.formErrors } }
  }
  if (error instanceof NotFoundError) return { status: 404, body: { error: 'NotFound', message: error.message } }
  if (error instanceof NoResultFound) return { status: 404, body: { error: 'NotFound', message: 'Not found' } }
  if (error instanceof IntegrityError) return { status: 409, body: { error: 'Conflict', message: conflictMessage(error) } }
  const fastifyError = error as Partial<FastifyError>
  // Fastify's own client errors (malformed JSON, unsupported content type, body too large) carry a
  // 4xx status and a message about the request, not about the database.
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 && typeof fastifyError.code === 'string' && fastifyError.code.startsWith('FST_')) {
    return { status: fastifyError.statusCode, body: { error: 'BadRequest', message: fastifyError.message ?? 'Bad request' } }
  }
  return { status: 500, body: { error: 'InternalServerError', message: 'Internal server error' } }
}

function conflictMessage(error: IntegrityError): string {
  if (error instanceof UniqueViolationError) return 'A record with the same unique value already exists'
  if (error instanceof ForeignKeyViolationError) return 'The request refers to a record that does not exist, or one that others still refer to'
  return 'The request conflicts with a constraint on the stored data'
}

/** Installs the error mapping and a JSON 404 for unknown routes. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toHttpError(error)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ status, error: body.error }, 'request rejected')
    return reply.code(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'NotFound', message: `Route ${request.method} ${request.url.split('?')[0]} not found` }))
}
