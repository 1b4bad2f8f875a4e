/**
 * A profiling harness for Core's hot paths (W1 build+compile, W2 PK lookup, W3 fetch, W5 small
 * transactions) on a scratch SQLite file: `npx tsx benchmarks/src/profile/core-hot-paths.ts [W1|W2|W3|W5|rawW2|rawW5] [rounds]`,
 * or under `node --cpu-prof --import tsx …` to see where the time goes. Prints µs per operation.
 */
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { insert, select, update } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import Database from 'better-sqlite3'
import { items, metadata, posts, users } from '../libraries/athanor-schema'

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'W2'
  const rounds = Number(process.argv[3] ?? 20)
  const file = join(tmpdir(), `athanor-profile-${process.pid}.sqlite`)
  const engine = createEngine(`sqlite:///${file}`)
  try {
    await metadata.createAll(engine)
    await engine.begin(async (connection) => {
      const rows = Array.from({ length: 10_000 }, (_, index) => ({ id: index + 1, name: `user${index + 1}`, email: `u${index + 1}@example.com`, age: index % 80, isActive: index % 2 === 0 }))
      for (let start = 0; start < rows.length; start += 500) await connection.execute(insert(users).values(rows.slice(start, start + 500)))
    })
    const connection = await engine.connect()
    const work: Record<string, () => Promise<number>> = {
      async W1() {
        for (let index = 0; index < 1000; index++) {
          select(users.c.id, users.c.name, posts.c.id.label('postId'), posts.c.title)
            .join(posts, posts.c.userId.eq(users.c.id))
            .where(users.c.age.ge(20), users.c.isActive.eq(true), users.c.name.like('user1%'), posts.c.views.gt(index), users.c.id.in([1, 2, 3, 4, 5]))
            .orderBy(posts.c.id.desc())
            .limit(10)
            .compile(engine.dialect)
        }
        return 1000
      },
      async W2() {
        for (let id = 1; id <= 5000; id++) (await connection.execute(select(users).where(users.c.id.eq(id)))).one()
        await connection.commit()
        return 5000
      },
      async W3() {
        const rows = (await connection.execute(select(users).orderBy(users.c.id))).all()
        await connection.commit()
        return rows.length
      },
      async rawW5() {
        const database = new Database(file)
        database.pragma('journal_mode = WAL')
        const insertItem = database.prepare('insert into bench_items (name, value, flag, note) values (?, ?, ?, ?) returning id')
        const updateItem = database.prepare('update bench_items set value = ? where id = ?')
        const oneTransaction = database.transaction((index: number) => {
          const { id } = insertItem.get(`item${index}`, index, 1, null) as { id: number }
          updateItem.run(index + 1, id)
        })
        for (let index = 0; index < 2000; index++) oneTransaction(index)
        database.close()
        return 2000
      },
      async rawW2() {
        const database = new Database(file)
        const byId = database.prepare('select id, name, email, age, is_active as isActive from bench_users where id = ?')
        for (let id = 1; id <= 5000; id++) byId.get(id)
        database.close()
        return 5000
      },
      async W5() {
        for (let index = 0; index < 2000; index++) {
          const id = (await connection.execute(insert(items).values({ name: `item${index}`, value: index, flag: true, note: null }).returning(items.c.id))).scalar()
          await connection.execute(update(items).where(items.c.id.eq(id as number)).values({ value: index + 1 }))
          await connection.commit()
        }
        return 2000
      },
    }
    const run = work[which]
    const times: number[] = []
    for (let round = 0; round < rounds; round++) {
      const start = process.hrtime.bigint()
      const count = await run()
      times.push(Number(process.hrtime.bigint() - start) / 1000 / count)
    }
    times.sort((a, b) => a - b)
    console.log(`${which}: median ${times[Math.floor(times.length / 2)].toFixed(2)} µs/op, min ${times[0].toFixed(2)}`)
    await connection.close()
  } finally {
    await engine.dispose()
    rmSync(file, { force: true })
    rmSync(`${file}-wal`, { force: true })
    rmSync(`${file}-shm`, { force: true })
  }
}

void main()
