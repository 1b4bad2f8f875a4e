/** Checks of each workload's outcome, against the seed formulas or by reading the database back. */
import { POST_COUNT, SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { W5_INCREMENT } from '../libraries/library'
import { check } from '../measure'
import { type CompiledSql, type LoadedUser, type NewUser, type UserRow, type W1Input, seedPost, seedTagIdsOfPost, seedTagName, seedUser } from './data'

export function checkCompiled(library: string, compiled: CompiledSql, input: W1Input): void {
  const sql = compiled.sql.toLowerCase()
  for (const fragment of ['join', 'like', ' in (', 'order by', 'limit']) check(sql.includes(fragment), `${library} W1: the SQL has "${fragment}": ${compiled.sql}`)
  const params = new Set(compiled.params.map((value) => String(value)))
  check(params.has(input.namePattern), `${library} W1: the LIKE pattern is a bound parameter`)
  // TypeORM 1.x writes some numbers into the SQL text instead of binding them: accept either.
  for (const value of [input.minAge, input.minViews, ...input.userIds]) {
    check(params.has(String(value)) || new RegExp(`[=>(, ]${value}\\b`).test(sql), `${library} W1: ${value} is bound or written into the SQL`)
  }
}

export function checkUser(library: string, row: UserRow | undefined, id: number): void {
  const expected = seedUser(id)
  check(row !== undefined && row !== null, `${library}: user ${id} found`)
  check(
    row.id === id && row.name === expected.name && row.email === expected.email && row.age === expected.age && Boolean(row.isActive) === expected.isActive,
    `${library}: user ${id} read as ${JSON.stringify({ id: row.id, name: row.name, email: row.email, age: row.age, isActive: row.isActive })}`,
  )
}

export function checkUsers(library: string, rows: readonly UserRow[], ids: readonly number[]): void {
  check(rows.length === ids.length, `${library}: ${ids.length} users read, got ${rows.length}`)
  for (let index = 0; index < ids.length; index++) checkUser(library, rows[index], ids[index])
}

const byId = <T extends { readonly id: number }>(rows: Iterable<T>): T[] => [...rows].sort((a, b) => a.id - b.id)

export function checkEagerLoad(library: string, users: readonly LoadedUser[]): void {
  check(users.length === SIZES.w6Users, `${library} W6: ${SIZES.w6Users} users, got ${users.length}`)
  let postCount = 0
  let tagCount = 0
  byId(users).forEach((user, index) => {
    check(user.id === index + 1 && user.name === seedUser(index + 1).name, `${library} W6: user ${index + 1}`)
    const posts = byId(user.posts)
    check(posts.length === SIZES.postsPerUser, `${library} W6: user ${user.id} has ${SIZES.postsPerUser} posts, got ${posts.length}`)
    for (const post of posts) {
      const expected = seedPost(post.id)
      check(expected.userId === user.id && post.title === expected.title, `${library} W6: post ${post.id} of user ${user.id}`)
      const tags = byId(post.tags)
      const tagIds = seedTagIdsOfPost(post.id)
      check(tags.length === tagIds.length && tags.every((tag, i) => tag.id === tagIds[i] && tag.name === seedTagName(tag.id)), `${library} W6: tags of post ${post.id}`)
      postCount++
      tagCount += tags.length
    }
  })
  check(postCount === SIZES.w6Users * SIZES.postsPerUser && tagCount === postCount * SIZES.tagsPerPost, `${library} W6: ${postCount} posts, ${tagCount} tags`)
}

const number = (value: unknown): number => Number(value)

/** W4: every row of `itemRows(w4Rows)` is in bench_items. */
export async function checkInsertedItems(library: string, fixture: Fixture, count: number, valueOffset: number): Promise<void> {
  const [totals] = await fixture.query(
    'select count(*) as n, sum(value) as total, sum(case when note is null then 1 else 0 end) as nulls, sum(case when flag then 1 else 0 end) as flags, min(value) as low from bench_items',
  )
  const expectedTotal = (count * (count - 1)) / 2 + count * valueOffset
  check(number(totals.n) === count, `${library}: ${count} items inserted, found ${String(totals.n)}`)
  check(number(totals.total) === expectedTotal && number(totals.low) === valueOffset, `${library}: item values sum to ${expectedTotal}, found ${String(totals.total)}`)
  check(number(totals.nulls) === Math.ceil(count / 5) && number(totals.flags) === Math.ceil(count / 2), `${library}: item notes and flags as written`)
  const sampleIndex = count - 3
  const [sample] = await fixture.query(`select name, value, note from bench_items where value = ${sampleIndex + valueOffset}`)
  check(sample?.name === `item ${sampleIndex}` && sample?.note === `note ${sampleIndex}`, `${library}: sample item ${sampleIndex}`)
}

/** W7: the new users and their posts are there, each post owned by its user. */
export async function checkNewUsers(library: string, fixture: Fixture, newUsers: readonly NewUser[]): Promise<void> {
  const users = await fixture.query(`select id, name, email, age from bench_users where id > ${SIZES.userCount}`)
  check(users.length === newUsers.length, `${library} W7: ${newUsers.length} users inserted, found ${users.length}`)
  const nameById = new Map(users.map((row) => [number(row.id), String(row.name)]))
  const expectedByName = new Map(newUsers.map((user) => [user.name, user]))
  for (const row of users) {
    const expected = expectedByName.get(String(row.name))
    check(expected !== undefined && row.email === expected.email && number(row.age) === expected.age, `${library} W7: user ${String(row.name)}`)
  }
  const posts = await fixture.query(`select user_id, title, body, views from bench_posts where id > ${POST_COUNT}`)
  const expectedPosts = newUsers.length * SIZES.w7PostsPerUser
  check(posts.length === expectedPosts, `${library} W7: ${expectedPosts} posts inserted, found ${posts.length}`)
  for (const post of posts) {
    const [, userIndex, postIndex] = /^new post (\d+)\.(\d+)$/.exec(String(post.title)) ?? []
    check(nameById.get(number(post.user_id)) === `new user ${userIndex}`, `${library} W7: post ${String(post.title)} belongs to new user ${userIndex}`)
    check(number(post.views) === number(postIndex) && post.body === newUsers[number(userIndex)].posts[number(postIndex)].body, `${library} W7: post ${String(post.title)} values`)
  }
}

