// liushou as a library: everything the commands do, without the CLI. Each command is a function
// taking a plain options object and returning a Report (docs/architecture.md "Contracts").

export {validateFiles, validateRoster, RosterValidator} from './rules/validate.js'
export type {ValidateInput, ValidateOptions} from './rules/validate.js'
export type {DatasetInput} from './schema/dataset-args.js'
// A list given as several files, a folder or a glob (validate, dedupe, crosscheck, diff and risk take them).
export {parseListArgs, parseDepartmentLists, expandTarget} from './schema/dataset-lists.js'
export type {ListInput, RosterInput} from './schema/dataset-lists.js'
export {normalizeFile} from './normalize/normalize.js'
export type {NormalizeOptions, NormalizeResult} from './normalize/normalize.js'
export {normalizeCell} from './normalize/cells.js'
export {CHANGE_REASONS} from './schema/change-reasons.js'
export {generateSamples} from './sample/index.js'
export * as tokenize from './tokenize/index.js'
export {crosscheck} from './crosscheck/crosscheck.js'
export {loadCrosscheckConfig} from './crosscheck/config.js'
export {dedupeFiles} from './dedupe/dedupe.js'
export {diffSnapshots} from './diff/diff.js'
export {assessRisk} from './risk/risk.js'

export {openRoster, datasetName} from './schema/roster.js'
export type {Roster, RosterRow, Column} from './schema/roster.js'
export {openRows} from './io/open.js'
export {createTableWriter, writeTable} from './io/write-table.js'
export {writeFileAtomic} from './io/atomic-write.js'
export {FIELDS} from './schema/fields.js'
export {CODE_LISTS, lookupCode} from './schema/code-lists.js'
export {mapHeader, normalizeHeader} from './schema/headers.js'
export {describeSchema} from './schema/describe.js'

export {analyzeId, checkDigit, upgrade15} from './cn/id-number.js'
export {parseDate, ageAt, todayInShanghai} from './cn/dates.js'
export {checkName} from './cn/names.js'
export {namePinyin, nameInitials, pinyinKey} from './cn/pinyin.js'
export {parsePhone} from './cn/phone.js'
export {lookupRegion, checkIdRegion, countyCodeHistory} from './cn/region.js'
export {isLookalike, namesLookAlike} from './cn/confusables.js'
export {toSimplified, sameUpToVariants} from './cn/variants.js'

// Care facts: a parent's state read from every cell that may hold it, and whether (and why) a child is left behind.
export {readParent, readParents, leftBehindBasis, whichParent, PARENT_FIELDS} from './care/parent-state.js'
export type {ParentState, ParentReading, LeftBehindBasis, DecidingCell} from './care/parent-state.js'
export {readCare, leftBehindState, careBasis, notLeftBehind} from './care/care.js'
export type {CareFacts, LeftBehindState} from './care/care.js'

export {allCodes, codeDefinition, CODES, type FindingCode} from './findings/codes.js'
export {maskReport, maskId, maskPhone} from './findings/mask.js'
export {renderReport, availableFormats} from './report/render.js'
// A report's findings stream from disk when there are many: read them with findingsOf (no array
// built), and releaseFindings once done; `report.findings` still gives the whole array.
export {findingsOf, releaseFindings} from './findings/report-findings.js'
export type {FindingList, Findings} from './findings/report-findings.js'
export {exitCodeFor} from './findings/model.js'
export {FindingStates, loadFindingStates, readBaseline, readExceptions} from './findings/states.js'
export type {ExceptionEntry} from './findings/states.js'
export {fingerprintOf} from './findings/fingerprint.js'
// The library never installs signal handlers: a program that embeds it and handles its own
// signals calls removeTemporaries() there, to leave no temporary file or spilled findings behind.
export {removeTemporaries} from './cleanup.js'
export type * from './findings/model.js'
export {UserError} from './errors.js'
