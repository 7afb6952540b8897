// Privacy-preserving exchange (令牌化): tokenize a roster with a shared key; dedupe and crosscheck
// recognise tokenized files (tokenMarker), refuse mixed or differently keyed inputs
// (assertComparableInputs), read rows with readTokenizedRow and compare with the functions below.

export {tokenizeFile} from './tokenize.js'
export type {TokenizeOptions, TokenizeResult, ColumnResult} from './tokenize.js'
export {tokenizeSummary} from './summary.js'
export {generateKeyFile, keyFromBytes, keyWeakness, loadKey, MIN_KEY_BYTES} from '../tokens/key.js'
export type {TokenKey, KeyPurpose} from '../tokens/key.js'
export {DEFAULT_KEEP, KEEP_ITEMS, TokenEncoder, nameText} from '../tokens/encoder.js'
export type {KeepItem, CellStatus, Encoded} from '../tokens/encoder.js'
export {DEFAULT_DROP_FIELDS, columnActions, parseKeep, parseList} from './policy.js'
export type {ColumnAction} from './policy.js'
export {MARKER_PREFIX, assertComparableInputs, markerHeader, tokenMarker} from '../tokens/marker.js'
export type {TokenMarker} from '../tokens/marker.js'
export {readTokenizedRow} from '../tokens/record.js'
export type {TokenizedRecord} from '../tokens/record.js'
export {BLOOM_BITS, BLOOM_HASHES, bitCount, diceBits} from '../tokens/bloom.js'
export type {BloomBits} from '../tokens/bloom.js'
export {
  NAME_DICE_CLOSE,
  TOKEN_KINDS,
  TOKEN_PREFIX,
  TOKEN_VERSION,
  bestBirthLevel,
  bloomBits,
  compareBirthTokens,
  compareIdTokens,
  compareNameTokens,
  compareRegionTokens,
  diceSimilarity,
  isTokenizedValue,
  parseBirthToken,
  parseIdToken,
  parseNameToken,
  parseRegionToken,
  phoneTokens,
  plainToken,
  tokenKind,
} from '../tokens/tokens.js'
export type {BirthLevel, BirthToken, IdLevel, IdToken, NameLevel, NameToken, RegionLevel, RegionToken, TokenKind} from '../tokens/tokens.js'
