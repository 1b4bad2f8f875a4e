/** TypeORM entities as EntitySchema (no decorators, so no experimentalDecorators in the workspace). */
import { EntitySchema } from 'typeorm'

export interface TypeormUser {
  id: number
  name: string
  email: string
  age: number | null
  isActive: boolean
  posts?: TypeormPost[]
}
export interface TypeormPost {
  id: number
  author?: TypeormUser
  title: string
  body: string | null
  views: number
  tags?: TypeormTag[]
}
export interface TypeormTag {
  id: number
  name: string
}
export interface TypeormItem {
  id: number
  name: string
  value: number
  flag: boolean
  note: string | null
}

export const UserEntity = new EntitySchema<TypeormUser>({
  name: 'User',
  tableName: 'bench_users',
  columns: {
    id: { type: Number, primary: true, generated: true },
    name: { type: String },
    email: { type: String },
    age: { type: Number, nullable: true },
    isActive: { type: Boolean, name: 'is_active' },
  },
  relations: { posts: { type: 'one-to-many', target: 'Post', inverseSide: 'author', cascade: ['insert'] } },
})

export const PostEntity = new EntitySchema<TypeormPost>({
  name: 'Post',
  tableName: 'bench_posts',
  columns: {
    id: { type: Number, primary: true, generated: true },
    title: { type: String },
    body: { type: String, nullable: true },
    views: { type: Number },
  },
  relations: {
    author: { type: 'many-to-one', target: 'User', inverseSide: 'posts', joinColumn: { name: 'user_id' } },
    tags: { type: 'many-to-many', target: 'Tag', joinTable: { name: 'bench_post_tags', joinColumn: { name: 'post_id' }, inverseJoinColumn: { name: 'tag_id' } } },
  },
})

export const TagEntity = new EntitySchema<TypeormTag>({
  name: 'Tag',
  tableName: 'bench_tags',
  columns: { id: { type: Number, primary: true, generated: true }, name: { type: String } },
})

export const ItemEntity = new EntitySchema<TypeormItem>({
  name: 'Item',
  tableName: 'bench_items',
  columns: {
    id: { type: Number, primary: true, generated: true },
    name: { type: String },
    value: { type: Number },
    flag: { type: Boolean },
    note: { type: String, nullable: true },
  },
})
