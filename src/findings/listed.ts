// A report's long arrays (findings, crosscheck's links) stay arrays for whoever reads them
// (library users, tests, the formats that need every element at once). Behind such a property, a
// report can hold a list that is streamed without building the array: the streaming formats read
// it with listedOf(), and the array is built only when something asks for the property itself.

/** Elements that can be read in order, as often as needed, without holding them all. */
export interface StreamList<T> extends Iterable<T> {
  readonly length: number
  /** Frees what the list keeps outside the heap (spilled runs); it cannot be read afterwards. */
  release(): void
  /**
   * The elements as `JSON.stringify(element, null, 2)` would write them, every line after the
   * first indented by `indent`: for lists of millions whose elements share most of their text.
   */
  prettyJson?(indent: string): Iterable<string>
}

/** What the streaming readers accept: the list, or an array when there is one. */
export type Listed<T> = Iterable<T> & {readonly length: number}

interface ListedState {
  list: StreamList<unknown>
  array?: unknown[]
}

const LISTED = Symbol('liushou.listed')

type WithListed = {[LISTED]?: Record<string, ListedState>}

function statesOf(target: object): Record<string, ListedState> | undefined {
  return (target as WithListed)[LISTED]
}

function defineState(target: object, key: string, state: ListedState): void {
  let states = statesOf(target)
  if (!states) {
    states = {}
    Object.defineProperty(target, LISTED, {value: states, enumerable: false})
  }
  states[key] = state
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): unknown[] {
      if (!state.array) {
        state.array = [...state.list]
        state.list.release()
      }
      return state.array
    },
    set(value: unknown[]) {
      state.array = value
      state.list.release()
    },
  })
}

/**
 * Gives `target` a `key` property (as its next key, so JSON keeps the report's key order) backed
 * by `list`: reading it builds the array once and frees the list; assigning replaces it.
 */
export function defineListed<T extends object, K extends string, E>(target: T, key: K, list: StreamList<E>): T & Record<K, E[]> {
  defineState(target, key, {list})
  return target as T & Record<K, E[]>
}

/** `target[key]` in order, streamed when it was never built as an array; undefined when absent. */
export function listedOf<E>(target: object, key: string): Listed<E> | undefined {
  const state = statesOf(target)?.[key]
  if (state) return (state.array ?? state.list) as Listed<E>
  return (target as Record<string, Listed<E> | undefined>)[key]
}

/** Frees what a streamed property keeps outside the heap; call once the report is written. */
export function releaseListed(target: object, key: string): void {
  const state = statesOf(target)?.[key]
  if (state && !state.array) state.list.release()
}

/**
 * A shallow copy of `target` with its own value for `key`; every other streamed property of the
 * original stays streamed in the copy (the original owns it; the copy only reads it).
 */
export function copyWith<T extends object>(target: T, key: string, define: (out: Record<string, unknown>) => void): T {
  const out: Record<string, unknown> = {}
  const states = statesOf(target) ?? {}
  for (const k of Object.keys(target)) {
    if (k === key) define(out)
    else if (states[k]) defineState(out, k, states[k])
    else out[k] = (target as Record<string, unknown>)[k]
  }
  return out as T
}
