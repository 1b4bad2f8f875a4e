/** MikroORM 6 entities, mapped with EntitySchema (no decorators, no reflect-metadata types). */
import { Collection, EntitySchema } from '@mikro-orm/core'

export class User {
  declare id: number
  declare name: string
  declare email: string
  declare age: number | null
  declare isActive: boolean
  posts = new Collection<Post>(this)
}

export class Post {
  declare id: number
  declare author: User
  declare title: string
  declare body: string | null
  declare views: number
  tags = new Collection<Tag>(this)
}

export class Tag {
  declare id: number
  declare name: string
}

export class Item {
  declare id: number
  declare name: string
  declare value: number
  declare flag: boolean
  declare note: string | null
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'bench_users',
  properties: {
    id: { type: 'number', primary: true },
    name: { type: 'string' },
    email: { type: 'string' },
    age: { type: 'number', nullable: true },
    isActive: { type: 'boolean' },
    posts: { kind: '1:m', entity: () => Post, mappedBy: 'author' },
  },
})

export const PostSchema = new EntitySchema<Post>({
  class: Post,
  tableName: 'bench_posts',
  properties: {
    id: { type: 'number', primary: true },
    author: { kind: 'm:1', entity: () => User, fieldName: 'user_id' },
    title: { type: 'string' },
    body: { type: 'string', nullable: true },
    views: { type: 'number' },
    tags: { kind: 'm:n', entity: () => Tag, owner: true, pivotTable: 'bench_post_tags', joinColumn: 'post_id', inverseJoinColumn: 'tag_id' },
  },
})

export const TagSchema = new EntitySchema<Tag>({
  class: Tag,
  tableName: 'bench_tags',
  properties: { id: { type: 'number', primary: true }, name: { type: 'string' } },
})

export const ItemSchema = new EntitySchema<Item>({
  class: Item,
  tableName: 'bench_items',
  properties: {
    id: { type: 'number', primary: true },
    name: { type: 'string' },
    value: { type: 'number' },
    flag: { type: 'boolean' },
    note: { type: 'string', nullable: true },
  },
})
