import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { describeEachDialect } from '../../../packages/dialects/test/support/each-dialect'
import { buildApp } from '../src/app'
import { metadata } from '../src/schema'

interface Reply {
  readonly status: number
  // any: the JSON of many response shapes, checked field by field by the tests
  readonly body: any
}

describeEachDialect('blog service over HTTP', { metadata }, (context) => {
  let app: FastifyInstance
  let baseUrl: string

  async function request(method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
  }

  beforeAll(async () => {
    app = buildApp(context.engine)
    await app.listen({ host: '127.0.0.1', port: 0 })
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await app.close()
  })

  let adaId: number
  let postId: number

  test('creates a user and a post with tags', async () => {
    const ada = await request('POST', '/users', { name: 'Ada', email: 'ada@example.com' })
    expect(ada.status).toBe(201)
    expect(ada.body).toMatchObject({ name: 'Ada', email: 'ada@example.com' })
    expect(typeof ada.body.id).toBe('number')
    expect(Number.isNaN(Date.parse(ada.body.createdAt))).toBe(false)
    adaId = ada.body.id

    const post = await request('POST', '/posts', { authorId: adaId, title: 'Identity maps', body: 'One object per row.', tags: ['sql', 'orm', 'sql'] })
    expect(post.status).toBe(201)
    expect(post.body).toMatchObject({ authorId: adaId, title: 'Identity maps', isPublished: false, author: { id: adaId, name: 'Ada' } })
    expect(post.body.tags.map((tag: { name: string }) => tag.name)).toEqual(['orm', 'sql'])
    postId = post.body.id

    const second = await request('POST', '/posts', { authorId: adaId, title: 'Units of work', isPublished: true, tags: ['orm'] })
    expect(second.status).toBe(201)
  })

  test('reads objects with their related data', async () => {
    const user = await request('GET', `/users/${adaId}`)
    expect(user.status).toBe(200)
    expect(user.body.posts.map((post: { title: string }) => post.title)).toEqual(['Identity maps', 'Units of work'])

    const post = await request('GET', `/posts/${postId}`)
    expect(post.status).toBe(200)
    expect(post.body.author).toMatchObject({ id: adaId, email: 'ada@example.com' })
    expect(post.body.tags.map((tag: { name: string }) => tag.name)).toEqual(['orm', 'sql'])
  })

  test('lists with pagination and filters', async () => {
    const page = await request('GET', '/posts?limit=1&page=2')
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ page: 2, limit: 1, total: 2 })
    expect(page.body.items.map((post: { title: string }) => post.title)).toEqual(['Identity maps'])

    const tagged = await request('GET', '/posts?tag=sql')
    expect(tagged.body.total).toBe(1)
    expect(tagged.body.items[0]).toMatchObject({ id: postId, tags: ['orm', 'sql'] })

    const published = await request('GET', `/posts?published=true&authorId=${adaId}&q=units`)
    expect(published.body.items.map((post: { title: string }) => post.title)).toEqual(['Units of work'])
  })

  test('answers a conflicting create with 409 and no SQL', async () => {
    const duplicate = await request('POST', '/users', { name: 'Other Ada', email: 'ada@example.com' })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body.error).toBe('Conflict')
    expect(JSON.stringify(duplicate.body)).not.toMatch(/svc_users|insert|ada@example\.com/i)
  })

  test('answers a bad body with 400 and the field errors', async () => {
    const bad = await request('POST', '/users', { name: 'x'.repeat(51), email: 'not-an-email', id: 7 })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toBe('ValidationError')
    expect(Object.keys(bad.body.fieldErrors).sort()).toEqual(['email', 'name'])
    expect(bad.body.formErrors.join(' ')).toContain('id')

    const missing = await request('POST', '/posts', { title: 'No author' })
    expect(missing.status).toBe(400)
    expect(missing.body.fieldErrors.authorId).toBeDefined()

    const query = await request('GET', '/posts?limit=1000')
    expect(query.status).toBe(400)
    expect(query.body.fieldErrors.limit).toBeDefined()
  })

  test('answers a missing object with 404', async () => {
    expect((await request('GET', '/users/999999')).status).toBe(404)
    expect((await request('GET', '/posts/999999')).body).toEqual({ error: 'NotFound', message: 'Post 999999 not found' })
    expect((await request('PATCH', '/posts/999999', { title: 'x' })).status).toBe(404)
  })

  test('updates and deletes, rolling back nothing that succeeded', async () => {
    const renamed = await request('PATCH', `/posts/${postId}`, { title: 'Identity maps, revised', tags: ['orm'] })
    expect(renamed.status).toBe(200)
    expect(renamed.body.tags.map((tag: { name: string }) => tag.name)).toEqual(['orm'])

    expect((await request('DELETE', `/posts/${postId}`)).status).toBe(204)
    expect((await request('GET', `/posts/${postId}`)).status).toBe(404)

    expect((await request('DELETE', `/users/${adaId}`)).status).toBe(204)
    expect((await request('GET', `/users/${adaId}`)).status).toBe(404)
    expect((await request('GET', `/posts?authorId=${adaId}`)).body.total).toBe(0)
  })

  test('returns every connection to the pool', () => {
    expect(context.engine.pool.status().checkedOut).toBe(0)
  })
})
