// The few types every layer shares: where a record sits, how severe a finding is, the language
// and masking a run asks for. They sit below src/schema so that rosters and reports can both name
// them without an import running back up.

export type Severity = 'error' | 'warning' | 'info'
export type FailOn = Severity | 'never'
export type Lang = 'zh' | 'en'
export type MaskMode = 'none' | 'ids' | 'all'

/** A row of an input: the dataset it belongs to, its file, and the row number Excel shows. */
export interface RecordRef {
  dataset: string
  file: string
  row: number
}

export interface RelatedRef extends RecordRef {
  field?: string
  value?: string
}
