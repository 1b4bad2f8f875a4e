// Mapping
export { Model, type ModelClass, type ModelInit, type ModelInitArgs, type ModelInstance, type ModelOptions } from './model'
export { mapper, configureMappers, type RelationshipMap } from './mapper'
export { relationship, type Relationship, type RelationshipOptions, type CollectionOrder } from './relationship'
export type { EntityClass, PrimaryKeyInput } from './entity'
export { DEFAULT_CASCADE, type CascadeOptions } from './cascade-options'
export { TrackedCollection } from './collection'

// Session
export { Session, type SessionOptions, type ScalarOf } from './session'
export { inspect, flagModified, type InstanceInfo } from './inspect'
export type { InstanceStatus } from './instance-state'

// Errors
export * from './errors/index'
