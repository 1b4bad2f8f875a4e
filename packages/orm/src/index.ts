// Mapping
export { Model, type ModelClass, type ModelInit, type ModelInitArgs, type ModelInstance, type ModelOptions, type BaseColumns } from './model'
export { Subclass, type SubclassBase, type SubclassOptions, type JoinedSubclassClass, type SingleTableSubclassClass, type JoinedColumns } from './subclass'
export { mapper, configureMappers, type RelationshipMap, type MapperOptions } from './mapper'
export { relationship, type Relationship, type RelationshipOptions, type CollectionOrder, type LoadingStrategy } from './relationship'

// Loading
export { selectinload, joinedload, subqueryload, raiseload, lazyload, containsEager, LoaderOption, type LoaderStrategy, type LoaderStep } from './loader-options'
export { loadOnly, defer, undefer, ColumnOption } from './column-options'
export type { EntityClass, PrimaryKeyInput } from './entity'
export { DEFAULT_CASCADE, type CascadeOptions } from './cascade-options'
export { TrackedCollection } from './collection'

// Events
export { listen, type MapperEventName, type MapperEventContext, type MapperListener, type SetListener } from './events'
export type { SessionEventName, SessionListener } from './session-events'

// Session
export { Session, type SessionOptions, type ScalarOf } from './session'
export { EntityResult, type TupleOf, type ExecuteResult } from './entity-result'
export type { ExecuteOptions, SynchronizeSession } from './bulk-sync'
export { inspect, flagModified, type InstanceInfo } from './inspect'
export type { InstanceStatus } from './instance-state'

// Errors
export * from './errors/index'
