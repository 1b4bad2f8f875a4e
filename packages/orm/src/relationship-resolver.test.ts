import { type AnyColumn, MetaData, integer, varchar } from '@athanor/core'
import { MappingError } from './errors/mapping-error'
import { configureMappers, mapper, mapperOf } from './mapper'
import { Model } from './model'
import { relationship } from './relationship'

// Mapping errors surface when mappers are configured (on first use), with a message that says what to write.
describe('relationship resolution from foreign keys', () => {
  const metadata = new MetaData()
  const accounts = metadata.table('accounts', { id: integer().primaryKey(), name: varchar(20).notNull() })
  const transfers = metadata.table('transfers', {
    id: integer().primaryKey(),
    fromId: integer().notNull().references(() => accounts.c.id),
    toId: integer().notNull().references(() => accounts.c.id),
  })

  it('infers direction: the table holding the key is the many side', () => {
    class Account extends Model(accounts) {
      declare outgoing: Transfer[]
    }
    class Transfer extends Model(transfers) {
      declare source: Account | null
    }
    mapper(Account, { outgoing: relationship(() => Transfer, { foreignKeys: [transfers.c.fromId], backPopulates: 'source' }) })
    mapper(Transfer, { source: relationship(() => Account, { foreignKeys: [transfers.c.fromId], backPopulates: 'outgoing' }) })
    configureMappers()
    const outgoing = mapperOf(Account).relationship('outgoing')
    expect(outgoing?.direction).toBe('oneToMany')
    expect(outgoing?.isList).toBe(true)
    expect(outgoing?.pairs.map((pair) => [pair.referenced.key, pair.referencing.key])).toEqual([['id', 'fromId']])
    expect(outgoing?.partner).toBe(mapperOf(Transfer).relationship('source'))
    expect(mapperOf(Transfer).relationship('source')?.direction).toBe('manyToOne')
  })

  it('asks for foreignKeys when several keys link the tables', () => {
    class Payer extends Model(accounts) {
      declare transfers: Transfer2[]
    }
    class Transfer2 extends Model(transfers) {}
    mapper(Payer, { transfers: relationship(() => Transfer2) })
    expect(() => configureMappers()).toThrow(MappingError)
  })
})

describe('mapping errors', () => {
  const metadata = new MetaData()
  const trees = metadata.table('trees', { id: integer().primaryKey(), parentId: integer().references((): AnyColumn => trees.c.id) })
  const islands = metadata.table('islands', { id: integer().primaryKey() })
  const cities = metadata.table('cities', { id: integer().primaryKey(), name: varchar(20).notNull() })

  it('names the missing foreign key', () => {
    class Island extends Model(islands) {
      declare cities: City[]
    }
    class City extends Model(cities) {}
    mapper(Island, { cities: relationship(() => City) })
    expect(() => configureMappers()).toThrow(/Island\.cities: no foreign key links "islands" and "cities"/)
  })

  it('explains a self-referential pair that is not marked with remoteSide', () => {
    class Tree extends Model(trees) {
      declare parent: Tree | null
      declare children: Tree[]
    }
    mapper(Tree, { parent: relationship(() => Tree, { backPopulates: 'children' }), children: relationship(() => Tree, { backPopulates: 'parent' }) })
    expect(() => configureMappers()).toThrow(/remoteSide/)
  })

  it('refuses a relationship named like a column, and a class mapped twice', () => {
    class Named extends Model(cities) {}
    expect(() => mapper(Named, { name: relationship(() => Named) } as never)).toThrow(/is a column of the table/)
    class Twice extends Model(cities) {}
    mapper(Twice)
    expect(() => mapper(Twice)).toThrow(/already mapped/)
  })
})
