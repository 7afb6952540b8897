// A streaming XML scanner for the parts of a workbook: tags, attributes, text, CDATA, comments and
// processing instructions, fed as string chunks. It does less than a general parser (no DOCTYPE,
// no namespaces beyond dropping an element's prefix) and checks what a damaged part gets wrong
// (unbalanced tags, broken entities, a part that ends inside a tag). Why not saxes: on the 262 MB
// sheet of the benchmark workbook, saxes takes 4.7–5.5 s to produce its events, with nothing done
// with them; this scanner 1.9–2.3 s (`node bench/xlsx-scan.js bench/out/edu-683000.xlsx`).
// Attribute values and text are handed over raw and decoded only where a reader needs them.

/** The part is not well-formed XML. */
export class XmlError extends Error {}

export interface XmlHandler {
  /** `name` without its namespace prefix; `attrs` the raw text between the name and `>`. */
  open(name: string, attrs: string, selfClosing: boolean): void
  close(name: string): void
  /** Raw text between two tags (entities not decoded), or the content of a CDATA section. */
  text(raw: string, cdata: boolean): void
  /**
   * A fast path for the commonest elements: given `s` and the index of a `<` that opens a tag,
   * consume that whole element (to its end tag) and return the index after it, or -1 to leave it
   * to the events above (anything unusual, or an element the chunk cuts). An element consumed
   * here produces no events and never enters the scanner's stack.
   */
  element?(s: string, lt: number): number
}

const LT = 60 // <
const GT = 62 // >
const SLASH = 47
const QUOT = 34
const APOS = 39

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

export class XmlScanner {
  private pending = ''
  /** Text seen before the next tag, when a chunk ended inside it. */
  private textParts: string[] = []
  private textLength = 0
  private readonly stack: string[] = []
  /** The names of `stack` without their prefixes, as handlers get them. */
  private readonly locals: string[] = []
  private started = false
  /** Set by a handler to stop the scan (the rest of the part is not needed). */
  stopped = false

  constructor(
    private readonly handler: XmlHandler,
    /** Longest text or tag accepted: a damaged part must not hold the whole file in one string. */
    private readonly maxPending = 64 << 20,
  ) {}

  get depth(): number {
    return this.stack.length
  }

  /** Nothing held back: the text fed so far ended between two constructs. */
  get idle(): boolean {
    return this.pending.length === 0 && this.textLength === 0
  }

  write(chunk: string): void {
    if (this.stopped || chunk.length === 0) return
    if (!this.started) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    let s: string
    if (this.pending.length > 0) {
      s = this.pending + chunk
      this.pending = ''
    } else if (this.textLength > 0) {
      const lt = chunk.indexOf('<')
      if (lt < 0) {
        this.keepText(chunk)
        return
      }
      this.textParts.push(chunk.slice(0, lt))
      const text = this.textParts.join('')
      this.textParts = []
      this.textLength = 0
      this.handler.text(text, false)
      if (this.stopped) return
      s = chunk.slice(lt)
    } else {
      s = chunk
    }
    this.scan(s)
  }

  /** The part is complete: anything left open is damage. */
  end(): void {
    if (this.stopped) return
    if (this.pending.length > 0) throw new XmlError('the XML ends inside a tag')
    if (this.stack.length > 0) throw new XmlError(`the XML ends before </${this.stack[this.stack.length - 1]}>`)
  }

  private keepText(text: string): void {
    this.textParts.push(text)
    this.textLength += text.length
    if (this.textLength > this.maxPending) throw new XmlError(`a text of more than ${this.maxPending >> 20} MB`)
  }

  private keepTag(s: string, from: number): void {
    if (s.length - from > this.maxPending) throw new XmlError(`a tag of more than ${this.maxPending >> 20} MB`)
    this.pending = s.slice(from)
  }

  private scan(s: string): void {
    const n = s.length
    const h = this.handler
    let pos = 0
    while (pos < n && !this.stopped) {
      const lt = s.indexOf('<', pos)
      if (lt < 0) {
        this.keepText(s.slice(pos))
        return
      }
      if (lt > pos) {
        h.text(s.slice(pos, lt), false)
        if (this.stopped) return
      }
      if (lt + 1 >= n) return this.keepTag(s, lt)
      const c = s.charCodeAt(lt + 1)
      if (c === SLASH) {
        const top = this.stack[this.stack.length - 1]
        if (top !== undefined && s.startsWith(top, lt + 2) && s.charCodeAt(lt + 2 + top.length) === GT) {
          this.stack.pop()
          h.close(this.locals.pop()!)
          pos = lt + 3 + top.length
          continue
        }
        const gt = s.indexOf('>', lt + 2)
        if (gt < 0) return this.keepTag(s, lt)
        let end = gt
        while (end > lt + 2 && isSpace(s.charCodeAt(end - 1))) end--
        const name = s.slice(lt + 2, end)
        const open = this.stack.pop()
        if (open !== name) throw new XmlError(open === undefined ? `</${name}> closes nothing` : `</${name}> closes <${open}>`)
        h.close(this.locals.pop()!)
        pos = gt + 1
        continue
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2)
        if (end < 0) return this.keepTag(s, lt)
        pos = end + 2
        continue
      }
      if (c === 33 /* ! */) {
        if (n - lt < 9) return this.keepTag(s, lt)
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4)
          if (end < 0) return this.keepTag(s, lt)
          pos = end + 3
          continue
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9)
          if (end < 0) return this.keepTag(s, lt)
          if (end > lt + 9) h.text(s.slice(lt + 9, end), true)
          pos = end + 3
          continue
        }
        // A DOCTYPE can declare entities that expand without end; no workbook writer uses one.
        throw new XmlError('a DOCTYPE or other declaration, which workbooks never hold')
      }
      if (h.element !== undefined) {
        const next = h.element(s, lt)
        if (next >= 0) {
          pos = next
          continue
        }
      }
      // An opening tag: its name, then attributes up to the `>` that no quote encloses.
      let j = lt + 1
      while (j < n) {
        const ch = s.charCodeAt(j)
        if (ch === GT || ch === SLASH || isSpace(ch)) break
        j++
      }
      if (j >= n) return this.keepTag(s, lt)
      if (j === lt + 1 || !isNameStart(c)) throw new XmlError(`a "<" that starts no tag (${JSON.stringify(s.slice(lt, lt + 12))})`)
      let k = j
      let gt = -1
      while (k < n) {
        const ch = s.charCodeAt(k)
        if (ch === GT) {
          gt = k
          break
        }
        if (ch === QUOT || ch === APOS) {
          const q = s.indexOf(ch === QUOT ? '"' : "'", k + 1)
          if (q < 0) {
            k = n
            break
          }
          k = q + 1
        } else if (ch === LT) {
          throw new XmlError(`a "<" inside the tag <${s.slice(lt + 1, j)}>`)
        } else {
          k++
        }
      }
      if (gt < 0) return this.keepTag(s, lt)
      const name = s.slice(lt + 1, j)
      const selfClosing = s.charCodeAt(gt - 1) === SLASH && gt - 1 >= j
      const attrs = j < gt ? s.slice(j, selfClosing ? gt - 1 : gt) : ''
      const local = localName(name)
      if (!selfClosing) {
        this.stack.push(name)
        this.locals.push(local)
      }
      h.open(local, attrs, selfClosing)
      if (selfClosing && !this.stopped) h.close(local)
      pos = gt + 1
    }
  }
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127
}

const NAMED: Record<string, string> = {lt: '<', gt: '>', amp: '&', quot: '"', apos: "'"}

/** Entities and character references decoded; line ends normalised as XML requires. */
export function decodeText(raw: string): string {
  let s = raw
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n')
  return s.includes('&') ? decodeEntities(s) : s
}

function decodeEntities(s: string): string {
  let out = ''
  let from = 0
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp + 1)
    if (semi < 0 || semi - amp > 12) throw new XmlError(`a bare "&" (${JSON.stringify(s.slice(amp, amp + 12))})`)
    const ref = s.slice(amp + 1, semi)
    let ch: string | undefined
    if (ref.charCodeAt(0) === 35 /* # */) {
      const code = ref[1] === 'x' ? /^x[0-9a-fA-F]+$/.test(ref.slice(1)) ? parseInt(ref.slice(2), 16) : NaN : /^\d+$/.test(ref.slice(1)) ? Number(ref.slice(1)) : NaN
      if (Number.isInteger(code) && code <= 0x10ffff) ch = String.fromCodePoint(code)
    } else {
      ch = NAMED[ref]
    }
    if (ch === undefined) throw new XmlError(`an unknown entity &${ref.slice(0, 12)};`)
    out += s.slice(from, amp) + ch
    from = semi + 1
  }
  return out + s.slice(from)
}

/**
 * The value of one attribute of a tag's raw attribute text, decoded; undefined when absent.
 * `name` may carry a prefix (`r:id`); a prefixed name also matches under any other prefix.
 */
export function attr(attrs: string, name: string): string | undefined {
  const n = attrs.length
  const colon = name.indexOf(':')
  const local = colon < 0 ? undefined : name.slice(colon)
  let i = 0
  while (i < n) {
    while (i < n && isSpace(attrs.charCodeAt(i))) i++
    if (i >= n) return undefined
    const eq = attrs.indexOf('=', i)
    if (eq < 0) throw new XmlError(`an attribute without a value (${JSON.stringify(attrs.slice(i, i + 20))})`)
    let nameEnd = eq
    while (nameEnd > i && isSpace(attrs.charCodeAt(nameEnd - 1))) nameEnd--
    let q = eq + 1
    while (q < n && isSpace(attrs.charCodeAt(q))) q++
    const quote = attrs.charCodeAt(q)
    if (quote !== QUOT && quote !== APOS) throw new XmlError(`an attribute value without quotes (${JSON.stringify(attrs.slice(i, i + 20))})`)
    const close = attrs.indexOf(quote === QUOT ? '"' : "'", q + 1)
    if (close < 0) throw new XmlError('an attribute value without its closing quote')
    const len = nameEnd - i
    if ((len === name.length && attrs.startsWith(name, i)) || (local !== undefined && len > local.length && attrs.startsWith(local, nameEnd - local.length) && attrs.lastIndexOf(':', nameEnd - 1) === nameEnd - local.length)) {
      return decodeAttr(attrs.slice(q + 1, close))
    }
    i = close + 1
  }
  return undefined
}

function decodeAttr(raw: string): string {
  let s = raw
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n|[\t\n\r]/g, ' ')
  return s.includes('&') ? decodeEntities(s) : s
}

/**
 * Several attributes of one tag in one pass (the hot path: every cell's `r`, `s` and `t`): the
 * value of `names[i]` goes to `out[i]`, undefined when absent. Names are matched exactly.
 */
export function readAttrs(attrs: string, names: readonly string[], out: (string | undefined)[]): void {
  for (let k = 0; k < names.length; k++) out[k] = undefined
  const n = attrs.length
  let i = 0
  while (i < n) {
    let c = attrs.charCodeAt(i)
    while (c === 32 || c === 9 || c === 10 || c === 13) c = attrs.charCodeAt(++i)
    if (i >= n) return
    const eq = attrs.indexOf('=', i)
    if (eq < 0) throw new XmlError(`an attribute without a value (${JSON.stringify(attrs.slice(i, i + 20))})`)
    let nameEnd = eq
    while (nameEnd > i && isSpace(attrs.charCodeAt(nameEnd - 1))) nameEnd--
    let q = eq + 1
    while (q < n && isSpace(attrs.charCodeAt(q))) q++
    const quote = attrs.charCodeAt(q)
    if (quote !== QUOT && quote !== APOS) throw new XmlError(`an attribute value without quotes (${JSON.stringify(attrs.slice(i, i + 20))})`)
    const close = attrs.indexOf(quote === QUOT ? '"' : "'", q + 1)
    if (close < 0) throw new XmlError('an attribute value without its closing quote')
    const len = nameEnd - i
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!
      if (len === name.length && out[k] === undefined && attrs.startsWith(name, i)) {
        const raw = attrs.slice(q + 1, close)
        out[k] = raw.includes('&') || raw.includes('\t') || raw.includes('\n') || raw.includes('\r') ? decodeAttr(raw) : raw
        break
      }
    }
    i = close + 1
  }
}
