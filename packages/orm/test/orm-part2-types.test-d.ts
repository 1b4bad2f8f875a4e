// Type-level tests for loader options, events and mapper options: checked by `tsc --noEmit`, never run.
import { expectTypeOf } from 'expect-type'
import { MetaData, integer, select, varchar } from '@athanor/core'
import { Model, type Session, joinedload, listen, loadOnly, mapper, relationship, selectinload } from '../src/index'

const metadata = new MetaData()
const owners = metadata.table('types2_owners', { id: integer().primaryKey(), email: varchar(100).notNull(), version: integer().notNull() })
const pets = metadata.table('types2_pets', {
  id: integer().primaryKey(),
  ownerId: integer()
    .notNull()
    .references(() => owners.c.id),
})

class Owner extends Model(owners) {
  declare pets: Pet[]
}
class Pet extends Model(pets) {}

mapper(Owner, { pets: relationship(() => Pet, { lazy: 'selectin' }) }, { versionColumn: 'version' })
// @ts-expect-error: the version column must be an attribute of the class
mapper(Pet, {}, { versionColumn: 'nope' })
// @ts-expect-error: lazy takes a loading strategy
relationship(() => Pet, { lazy: 'eager' })

// A set listener receives and returns the attribute's type.
listen(Owner, 'set', 'email', (owner, value, previous) => {
  expectTypeOf(owner).toEqualTypeOf<Owner>()
  expectTypeOf(previous).toEqualTypeOf<string | undefined>()
  return value.toLowerCase()
})
// @ts-expect-error: the listener must return the attribute's type
listen(Owner, 'set', 'email', () => 42)
// @ts-expect-error: not an attribute of Owner
listen(Owner, 'set', 'name', (_owner, value) => value)
listen(Owner, 'beforeUpdate', (owner, context) => {
  expectTypeOf(owner).toEqualTypeOf<Owner>()
  expectTypeOf(context.event).toEqualTypeOf<'beforeInsert' | 'afterInsert' | 'beforeUpdate' | 'afterUpdate' | 'beforeDelete' | 'afterDelete'>()
})

// Options keep the statement's row type, so scalars() still returns the class.
declare const session: Session
async function queries(): Promise<void> {
  const loaded = await session.scalars(select(Owner).options(selectinload('pets'), joinedload('pets'), loadOnly('email')))
  expectTypeOf(loaded).toEqualTypeOf<Owner[]>()
  session.on('afterCommit', (s) => {
    expectTypeOf(s).toEqualTypeOf<Session>()
  })
  // @ts-expect-error: unknown session event
  session.on('afterSave', () => undefined)
}
void queries

// Single-table inheritance: a subclass is a class of its own for queries and mapper options.
class Cat extends Pet {
  meow(): string {
    return 'meow'
  }
}
mapper(Cat, {}, { inherits: Pet, polymorphicIdentity: 'cat' })
async function polymorphic(): Promise<void> {
  const cats = await session.scalars(select(Cat))
  expectTypeOf(cats).toEqualTypeOf<Cat[]>()
  expectTypeOf(cats[0].ownerId).toEqualTypeOf<number>()
}
void polymorphic
