// One input of a linkage run (dedupe, crosscheck), plain or tokenized: a tokenized roster is
// recognised by its marker column, checked against the inputs read before it — all tokenized
// with one key, or none — and read into the store by the reader that fits. The check runs before
// the file's rows are read, so a refusal costs no reading.

import type {Roster} from '../schema/roster.js'
import {type TokenMarker, assertComparableInputs, tokenMarker} from '../tokenize/marker.js'
import {type RecordStore, addRoster} from './records.js'
import {addTokenizedRoster} from './token-records.js'

export interface LinkInputs {
  /** The inputs admitted so far, with their markers. */
  seen: {file: string; marker: TokenMarker | undefined}[]
  /** One line per tokenized input that kept other things in clear than the first. */
  warnings: string[]
}

export function linkInputs(): LinkInputs {
  return {seen: [], warnings: []}
}

/**
 * Reads a roster into the store after checking it can be linked with the inputs before it
 * (a UserError otherwise, naming the file); returns the rows read and the roster's marker.
 */
export async function addLinkInput(store: RecordStore, roster: Roster, inputs: LinkInputs, onProgress?: (rows: number) => void): Promise<{rows: number; marker: TokenMarker | undefined}> {
  const marker = tokenMarker(roster)
  inputs.seen.push({file: roster.source.file, marker})
  inputs.warnings = assertComparableInputs(inputs.seen)
  const rows = marker ? await addTokenizedRoster(store, roster, marker, onProgress) : await addRoster(store, roster, onProgress)
  return {rows, marker}
}
