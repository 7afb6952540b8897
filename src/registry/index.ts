// The basic information database (SPEC "The registry"): storage only. The linkage and the
// `liushou registry` commands are built on top of these functions.

export {openRegistry, Registry} from './registry.js'
export type {OpenOptions} from './registry.js'
export {Transaction} from './transaction.js'
export {RegistryReader} from './reader.js'
export type {ChildInfo} from './reader.js'
export {SnapshotWriter} from './snapshots.js'
export type {SnapshotStart} from './snapshots.js'
export {formatChildId, parseChildId, isChildId, countyPart, UNKNOWN_COUNTY} from './children.js'
export type {ChildOrigin} from './children.js'
export {CANONICAL_FIELDS, SCHEMA_VERSION} from './schema.js'
export type * from './types.js'
