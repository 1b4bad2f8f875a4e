/**
 * Load test of the example blog service (examples/blog-service): starts it in this process on
 * 127.0.0.1 (port 0), seeds users/posts/tags, drives it with autocannon over loopback for a bounded
 * time and request count, and prints requests/second, latency percentiles and the pool's status
 * once the server is closed (checkedOut must be 0: no request leaked a connection).
 *
 *   npx --yes pnpm@10 --filter @athanor/benchmarks bench:service
 *   … bench:service -- --db postgresql://postgres@127.0.0.1:5432/test --duration 10 --connections 10
 *
 * Options: --db URL (or DATABASE_URL; default a temporary SQLite file), --duration seconds (10),
 * --connections n (10), --max-requests n per scenario (200000), --scenario read|mixed|all (all).
 */
import { rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { insert } from '@athanor/core'
import { createEngine, redactUrl } from '@athanor/dialects'
import autocannon from 'autocannon'
import { buildApp } from '../../examples/blog-service/src/app'
import { metadata, postTags, posts, tags, users } from '../../examples/blog-service/src/schema'

const SEED = { users: 200, postsPerUser: 10, tags: 20, tagsPerPost: 3 } as const
const POST_COUNT = SEED.users * SEED.postsPerUser

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'max-requests': { type: 'string', default: '200000' },
    scenario: { type: 'string', default: 'all' },
  },
})

const randomId = (count: number): number => 1 + Math.floor(Math.random() * count)

/** Each scenario is a request list that every autocannon connection cycles through. */
function scenarios(): Record<string, autocannon.Request[]> {
  let serial = 0
  return {
    // Reads: a page of posts with their tags (2 queries + count), a post with author and tags, a user with posts.
    read: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/posts?limit=20&page=${randomId(POST_COUNT / 20)}` }) },
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/posts/${randomId(POST_COUNT)}` }) },
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/users/${randomId(SEED.users)}` }) },
    ],
    // Half reads, half writes: a new post with tags (flush of post + links) and a rename of a user.
    mixed: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/posts/${randomId(POST_COUNT)}` }) },
      {
        method: 'POST',
        path: '/posts',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ authorId: randomId(SEED.users), title: `load post ${++serial}`, tags: [`tag${randomId(SEED.tags)}`, `tag${randomId(SEED.tags)}`] }),
        }),
      },
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/posts?tag=tag${randomId(SEED.tags)}&limit=10` }) },
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, path: `/users/${randomId(SEED.users)}`, body: JSON.stringify({ name: `renamed ${++serial}` }) }),
      },
    ],
  }
}

async function seed(engine: ReturnType<typeof createEngine>): Promise<void> {
  await metadata.dropAll(engine)
  await metadata.createAll(engine)
  await engine.begin(async (connection) => {
    await connection.execute(insert(users).values(Array.from({ length: SEED.users }, (_, i) => ({ name: `user ${i + 1}`, email: `user${i + 1}@example.com` }))))
    await connection.execute(insert(tags).values(Array.from({ length: SEED.tags }, (_, i) => ({ name: `tag${i + 1}` }))))
    // No explicit keys: PostgreSQL's sequences would not move past them. Fresh tables number the
    // rows of a multi-row INSERT 1..n in order, which the request paths rely on.
    const postRows = Array.from({ length: POST_COUNT }, (_, i) => ({ authorId: (i % SEED.users) + 1, title: `post ${i + 1}`, body: 'lorem ipsum '.repeat(20), isPublished: i % 2 === 0 }))
    await connection.execute(insert(posts).values(postRows))
    const links = postRows.flatMap((_, i) => Array.from({ length: SEED.tagsPerPost }, (__, k) => ({ postId: i + 1, tagId: ((i + k * 7) % SEED.tags) + 1 })))
    await connection.execute(insert(postTags).values(links))
  })
}

async function main(): Promise<void> {
  const sqliteFile = join(tmpdir(), `athanor-service-load-${process.pid}.db`)
  const url = args.db ?? process.env.DATABASE_URL ?? `sqlite:///${sqliteFile}`
  const connections = Number(args.connections)
  const duration = Number(args.duration)
  const maxOverallRequests = Number(args['max-requests'])
  const all = scenarios()
  const chosen = args.scenario === 'all' ? Object.keys(all) : [args.scenario]
  for (const name of chosen) if (all[name] === undefined) throw new Error(`unknown scenario ${name}; use read, mixed or all`)

  const engine = createEngine(url)
  await seed(engine)
  const app = buildApp(engine, process.env.LOG_LEVEL ? { logger: { level: process.env.LOG_LEVEL } } : {})
  await app.listen({ host: '127.0.0.1', port: 0 })
  const target = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  console.log(`blog service on ${redactUrl(url)} at ${target}; seeded ${SEED.users} users, ${POST_COUNT} posts, ${SEED.tags} tags`)
  console.log(`autocannon: ${connections} connections, at most ${duration} s and ${maxOverallRequests} requests per scenario\n`)

  const rows: string[] = []
  let failures = 0
  try {
    for (const name of chosen) {
      const result = await autocannon({ url: target, connections, duration, maxOverallRequests, requests: all[name] })
      failures += result.non2xx + result.errors
      if (result.non2xx > 0) console.log(`${name}: non-2xx answers by status: ${JSON.stringify(result.statusCodeStats)}`)
      rows.push(
        `| ${name.padEnd(8)} | ${result.requests.average.toFixed(0).padStart(8)} | ${result.latency.p50.toFixed(1).padStart(7)} | ${result.latency.p99.toFixed(1).padStart(7)} | ${String(result.requests.total).padStart(8)} | ${String(result.non2xx).padStart(6)} | ${String(result.errors).padStart(6)} |`,
      )
    }
  } finally {
    await app.close()
  }
  console.log('| scenario |    req/s | p50 ms  | p99 ms  | requests | non2xx | errors |')
  console.log('|----------|---------:|--------:|--------:|---------:|-------:|-------:|')
  for (const row of rows) console.log(row)
  // autocannon closes its sockets when time is up; requests already inside a handler still finish
  // their transaction. Give them a moment: a real leak is still checked out after it.
  const closedAt = performance.now()
  while (engine.pool.status().checkedOut > 0 && performance.now() - closedAt < 10_000) await new Promise((resolve) => setTimeout(resolve, 50))
  const settleMs = performance.now() - closedAt
  const status = engine.pool.status()
  console.log(`\npool after the run (in-flight requests settled in ${settleMs.toFixed(0)} ms): ${JSON.stringify(status)}${status.checkedOut === 0 ? ' — no leaked connections' : ' — LEAKED CONNECTIONS'}`)
  await metadata.dropAll(engine)
  await engine.dispose()
  if (args.db === undefined && process.env.DATABASE_URL === undefined) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true })
  }
  if (status.checkedOut !== 0 || failures > 0) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
