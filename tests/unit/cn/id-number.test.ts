import {existsSync, readFileSync} from 'node:fs'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {analyzeId, checkDigit, isExcelMangled, upgrade15} from '../../../src/cn/id-number.js'

// A copy of /work/shared/data/id-vectors-verdicts.tsv (see that folder's README for sources):
// ID numbers from other projects' test suites, python-stdnum's verdict and an independent
// MOD 11-2 recomputation; agree=no marks where the sources disagree.
const VERDICTS_TSV = `number	expected_by_source	source	stdnum_HEAD_006192e5_verdict	recomputed_mod11_2_check_digit_matches	agree
360426199101010071	valid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	valid	True	yes
44011320141005001x	valid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	valid	True	yes
412723199010050012	valid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	valid	True	yes
110102199101010078	valid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	valid	True	yes
120110198012010073	valid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	valid	True	yes
120110199212010072	valid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	valid	True	yes
990426199112010074	invalid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	invalid:InvalidComponent	True	yes
110111198012010078	invalid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	invalid:InvalidComponent	True	yes
110201199312010077	invalid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	invalid:InvalidComponent	True	yes
T60426199101010078	invalid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	invalid:InvalidFormat	n/a	yes
360426199113010079	invalid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	invalid:InvalidComponent	True	yes
36042619910102009X	invalid	arthurdejong/python-stdnum:tests/test_cn_ric.doctest	invalid:InvalidChecksum	False	yes
360426199101010071	valid	koblas/stdnum-js:src/cn/ric.spec.ts	valid	True	yes
120103198806018241	valid	koblas/stdnum-js:src/cn/ric.spec.ts	valid	True	yes
12345678	invalid	koblas/stdnum-js:src/cn/ric.spec.ts	invalid:InvalidLength	n/a	yes
360426199101010072	invalid	koblas/stdnum-js:src/cn/ric.spec.ts	invalid:InvalidChecksum	False	yes
11010120170210193X	valid	Edditoria/validid:test/data/cnid.mjs	valid	True	yes
120103198806018241	valid	Edditoria/validid:test/data/cnid.mjs	valid	True	yes
310101200001013948	valid	Edditoria/validid:test/data/cnid.mjs	valid	True	yes
810000199408230021	valid	Edditoria/validid:test/data/cnid.mjs	invalid:InvalidComponent	True	NO
830000199201300022	valid	Edditoria/validid:test/data/cnid.mjs	invalid:InvalidComponent	True	NO
98765432101234567	invalid	Edditoria/validid:test/data/cnid.mjs	invalid:InvalidLength	n/a	yes
9876543210123456789	invalid	Edditoria/validid:test/data/cnid.mjs	invalid:InvalidLength	n/a	yes
110102YYYYMMDD888X	invalid	Edditoria/validid:test/data/cnid.mjs	invalid:InvalidFormat	n/a	yes
98765432101234567A	invalid	Edditoria/validid:test/data/cnid.mjs	invalid:InvalidChecksum	False	yes
A87654321012345678	invalid	Edditoria/validid:test/data/cnid.mjs	invalid:InvalidFormat	n/a	yes
110101188606258888	valid	Edditoria/validid:test/data/cnid.mjs	valid	True	yes
110101202401018889	valid	Edditoria/validid:test/data/cnid.mjs	valid	True	yes
110101202412128880	invalid	Edditoria/validid:test/data/cnid.mjs	valid	True	NO
110102197810272321	invalid	Edditoria/validid:test/data/cnid.mjs	invalid:InvalidChecksum	False	yes
110101188606248882	invalid	Edditoria/validid:test/data/cnid.mjs (older version, commit 634d9f24)	valid	True	NO
110101202312128883	invalid	Edditoria/validid:test/data/cnid.mjs (older version, commit 634d9f24)	valid	True	NO
371001198010082394	valid	mc-zone/IDValidator:tests/spec/specTest.js	invalid:InvalidComponent	True	NO
345955198706122245	invalid	mc-zone/IDValidator:tests/spec/specTest.js	invalid:InvalidChecksum	False	yes
431389760616601	valid	mc-zone/IDValidator:tests/spec/specTest.js	invalid:InvalidLength	n/a	NO
44030819990110	invalid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidLength	n/a	yes
111111199901101512	invalid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidChecksum	False	yes
440308199902301512	invalid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidChecksum	False	yes
440308199901101513	invalid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidChecksum	False	yes
610104620932690	invalid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidLength	n/a	yes
11010119900307867X	invalid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidChecksum	False	yes
500154199301135886	invalid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidComponent	True	yes
110101199003078670	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	valid	True	yes
440308199901101512	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	valid	True	yes
500154199804106120	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidComponent	True	NO
411082198901010002	invalid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidComponent	True	yes
610104620927690	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidLength	n/a	NO
610104196209276908	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidComponent	True	NO
810000199408230021	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidComponent	True	NO
830000199201300022	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidComponent	True	NO
44040119580101000X	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidComponent	True	NO
140120197901010008	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	valid	True	yes
441282198101011230	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	invalid:InvalidComponent	True	NO
362324198001010014	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	valid	True	yes
362324198101010011	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	valid	True	yes
362324198201010019	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	valid	True	yes
430302199312194239	valid	jxlwqq/id-validator:tests/IdValidatorTest.php (PHP, not JS)	valid	True	yes
4403081999011015133	invalid	guanguans/id-validator:id_validator_test.go (Go, not JS)	invalid:InvalidLength	n/a	yes
510104621927691	invalid	guanguans/id-validator:id_validator_test.go (Go, not JS)	invalid:InvalidLength	n/a	yes
61010462092769	invalid	guanguans/id-validator:id_validator_test.go (Go, not JS)	invalid:InvalidLength	n/a	yes
810000199408230022	invalid	guanguans/id-validator:id_validator_test.go (Go, not JS)	invalid:InvalidChecksum	False	yes
830000199201300023	invalid	guanguans/id-validator:id_validator_test.go (Go, not JS)	invalid:InvalidChecksum	False	yes`
const SHARED_COPY = '/work/shared/data/id-vectors-verdicts.tsv'

interface Vector {
  number: string
  expected: 'valid' | 'invalid'
  source: string
  agree: boolean
}

function loadVectors(tsv: string): Vector[] {
  const [header, ...lines] = tsv.trim().split('\n')
  expect(header?.split('\t')).toEqual([
    'number',
    'expected_by_source',
    'source',
    'stdnum_HEAD_006192e5_verdict',
    'recomputed_mod11_2_check_digit_matches',
    'agree',
  ])
  return lines.map((line) => {
    const [number = '', expected = '', source = '', , , agree = ''] = line.split('\t')
    expect(['valid', 'invalid']).toContain(expected)
    return {number, expected: expected as Vector['expected'], source, agree: agree.toLowerCase() === 'yes'}
  })
}

const VECTORS = loadVectors(VERDICTS_TSV)

/** valid ↔ no problem and no impossible birth date: this module's whole verdict. */
function isValidHere(raw: string): boolean {
  const a = analyzeId(raw)
  return a.problem === undefined && a.birthInvalid === undefined
}

// agree=yes vectors whose "invalid" rests on the region code. Judging the first six digits is
// src/cn/region.ts's job (ID_REGION_UNKNOWN / ID_REGION_ANACHRONISM, both warnings); this module
// sees well-formed numbers with a correct check digit and a real birth date, and says so.
const REGION_VERDICTS: Record<string, string> = {
  '990426199112010074': 'code 990426 never existed: ID_REGION_UNKNOWN (warning) from the region module',
  '110111198012010078':
    '110111 (房山区) was created in 1986, after the 1980 birth: normal per docs/rules.md (ID_REGION_ANACHRONISM) (numbers are issued at registration, often later), no finding at all',
  '110201199312010077': '110201 was abolished before the 1993 birth: ID_REGION_ANACHRONISM (warning) from the region module',
  '500154199301135886':
    "jxlwqq's strict mode only (code younger than the holder): normal per docs/rules.md (ID_REGION_ANACHRONISM), no finding at all",
  '411082198901010002':
    "jxlwqq's strict mode only (code younger than the holder, see its issue #53): normal per docs/rules.md (ID_REGION_ANACHRONISM), no finding at all",
}

// The 14 agree=no rows: our decision (all valid here) and why.
const DISAGREEMENTS: Record<string, string> = {
  '810000199408230021':
    '港澳居民居住证 (prefix 81): GB 11643 numbers with a correct check digit; valid here, residencePermit HK',
  '830000199201300022':
    '台湾居民居住证 (prefix 83): GB 11643 numbers with a correct check digit; valid here, residencePermit TW',
  '110101202412128880':
    'birth 2024-12-12 was in the future when the source test was written; the future is a matter for the caller with --as-of (ID_BIRTH_INVALID / AGE_OUT_OF_RANGE there)',
  '110101202312128883': 'future birth at the time of writing; same as above: the caller judges it against the as-of date',
  '110101188606248882': `a 1886 birth is possible (supercentenarians held resident IDs); this module rejects births before 1870 only`,
  '371001198010082394': 'a real number with a correct check digit; the region code is the region module’s concern',
  '431389760616601': 'a well-formed 15-digit legacy number (ID_LEGACY_15 warning upstream); its upgrade is checked as usual',
  '500154199804106120': 'correct check digit, real date; the code being younger than the holder is normal per docs/rules.md (ID_REGION_ANACHRONISM)',
  '610104620927690': 'a well-formed 15-digit legacy number; upgrades to 610104196209276908',
  '610104196209276908': 'the upgrade of 610104620927690: correct check digit, real date',
  '44040119580101000X': 'legacy xxxx01 code (市辖区): a region-module matter; the number itself is well formed',
  '441282198101011230': 'correct check digit, real date; the region code is the region module’s concern',
}

describe('id vectors (id-vectors-verdicts.tsv)', () => {
  it('the embedded copy matches the shared data file when it is present', () => {
    if (!existsSync(SHARED_COPY)) return
    expect(readFileSync(SHARED_COPY, 'utf8').trim()).toBe(VERDICTS_TSV.trim())
  })

  it('has the 14 disagreements the README describes', () => {
    const disagreeing = VECTORS.filter((v) => !v.agree)
    expect(disagreeing).toHaveLength(14)
    expect(new Set(disagreeing.map((v) => v.number))).toEqual(new Set(Object.keys(DISAGREEMENTS)))
  })

  for (const v of VECTORS.filter((x) => x.agree)) {
    const region = REGION_VERDICTS[v.number]
    if (region !== undefined) {
      it(`${v.number} (${v.source}): source says ${v.expected}; region verdict is not this module's — ${region}`, () => {
        const a = analyzeId(v.number)
        expect(a.problem).toBeUndefined()
        expect(a.birthInvalid).toBeUndefined()
        expect(a.regionCode).toBe(v.number.slice(0, 6))
      })
    } else {
      it(`${v.number} (${v.source}) is ${v.expected}`, () => {
        expect(isValidHere(v.number)).toBe(v.expected === 'valid')
      })
    }
  }

  for (const v of VECTORS.filter((x) => !x.agree)) {
    it(`${v.number} (${v.source}, disputed): valid here — ${DISAGREEMENTS[v.number] ?? '(no decision recorded)'}`, () => {
      expect(DISAGREEMENTS[v.number]).toBeDefined()
      expect(isValidHere(v.number)).toBe(true)
    })
  }

  it('upgrades the disputed 15-digit vector to its 18-digit twin', () => {
    expect(analyzeId('610104620927690').canonical).toBe('610104196209276908')
  })
})

describe('checkDigit and upgrade15', () => {
  it('computes ISO 7064 MOD 11-2 (GB 11643 example ends in X)', () => {
    expect(checkDigit('11010519491231002')).toBe('X')
    expect(checkDigit('36042619910101007')).toBe('1')
  })

  it('upgrades 15 → 18 with century 19', () => {
    expect(upgrade15('610104620927690')).toBe('610104196209276908')
    expect(upgrade15('431389760616601')).toHaveLength(18)
  })
})

describe('analyzeId: certain fixes', () => {
  it('leaves a canonical number alone', () => {
    const a = analyzeId('360426199101010071')
    expect(a.cleaned).toBe('360426199101010071')
    expect(a.fixes).toEqual([])
    expect(a.problem).toBeUndefined()
    expect(a.canonical).toBe('360426199101010071')
  })

  it('folds full-width digits and lowercase x', () => {
    const a = analyzeId('４４０１１３２０１４１００５００１ｘ')
    expect(a.cleaned).toBe('44011320141005001X')
    expect(a.fixes).toEqual(['full-width', 'lowercase-x'])
    expect(a.problem).toBeUndefined()
  })

  it('uppercases a lowercase x', () => {
    const a = analyzeId('44011320141005001x')
    expect(a.fixes).toEqual(['lowercase-x'])
    expect(a.canonical).toBe('44011320141005001X')
  })

  it('removes a leading apostrophe, straight or curly', () => {
    for (const raw of ["'360426199101010071", '’360426199101010071', '‘360426199101010071', '＇360426199101010071']) {
      const a = analyzeId(raw)
      expect(a.cleaned).toBe('360426199101010071')
      expect(a.fixes).toContain('apostrophe')
      expect(a.problem).toBeUndefined()
    }
  })

  it('keeps an apostrophe that is not leading (not a certain fix)', () => {
    expect(analyzeId("360426199'101010071").problem?.type).toBe('format')
  })

  it('removes inner and surrounding spaces, including U+3000 and NBSP', () => {
    for (const raw of ['360426 19910101 0071', ' 360426199101010071 ', '360426\u300019910101\u00a00071', '\t360426199101010071']) {
      const a = analyzeId(raw)
      expect(a.cleaned).toBe('360426199101010071')
      expect(a.fixes).toEqual(['spaces'])
    }
  })

  it('fixes are empty exactly when cleaned equals raw', () => {
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom(...'0123456789xX \'’４Ｘｘ\u3000E+.')}), (raw) => {
        const a = analyzeId(raw)
        expect(a.fixes.length === 0).toBe(a.cleaned === raw)
      }),
      {numRuns: 1000},
    )
  })
})

describe('analyzeId: excel-mangled', () => {
  it('flags scientific notation', () => {
    for (const raw of ['4.30102E+17', '4.30102200105061E17', '4.30102200105061e+17', '4,30102E+17', '４.３０１０２Ｅ＋１７']) {
      const a = analyzeId(raw)
      expect(a.problem?.type).toBe('excel-mangled')
      expect(isExcelMangled(raw)).toBe(true)
    }
  })

  it('flags 18 digits ending in 000 with a wrong check digit', () => {
    expect(analyzeId('430102200105061000').problem?.type).toBe('excel-mangled')
  })

  it('does not flag a real number ending in 000 (check digit 0 is right)', () => {
    expect(analyzeId('430102201105005000').problem).toBeUndefined()
    expect(isExcelMangled('430102201105005000')).toBe(false)
  })

  it('flags 16–17 digits with a real birth date and trailing zeros', () => {
    expect(analyzeId('43010220010506100').problem?.type).toBe('excel-mangled')
    expect(analyzeId('4301022001050600').problem?.type).toBe('excel-mangled')
  })

  it('calls other 16–17 digit strings format errors', () => {
    expect(analyzeId('98765432101234567').problem?.type).toBe('format') // no trailing zeros
    expect(analyzeId('12345678901234500').problem?.type).toBe('format') // no real date inside
    expect(analyzeId('43010220010506123').problem?.type).toBe('format')
  })

  it('does not flag real ids', () => {
    expect(isExcelMangled('360426199101010071')).toBe(false)
    expect(isExcelMangled('44040119580101000X')).toBe(false)
  })

  it('comes before format and checksum', () => {
    expect(analyzeId('4.30102E+17').problem?.type).toBe('excel-mangled')
    expect(checkDigit('43010220010506100')).not.toBe('0')
    expect(analyzeId('430102200105061000').problem?.type).toBe('excel-mangled')
  })
})

describe('analyzeId: format', () => {
  it('rejects wrong lengths with the length in the reason', () => {
    const a = analyzeId('12345678')
    expect(a.problem?.type).toBe('format')
    expect(a.problem?.reason.en).toContain('8 characters')
  })

  it('rejects letters other than a final X', () => {
    expect(analyzeId('T60426199101010078').problem?.type).toBe('format')
    expect(analyzeId('36042619910101X071').problem?.type).toBe('format')
    expect(analyzeId('98765432101234567A').problem?.type).toBe('format')
    expect(analyzeId('43138976061660X').problem?.type).toBe('format')
  })

  it('calls the empty string a format problem', () => {
    expect(analyzeId('').problem?.type).toBe('format')
    expect(analyzeId('   ').problem?.type).toBe('format')
  })

  it('accepts 18 and 15 characters of the right shape', () => {
    expect(analyzeId('11010519491231002X').problem).toBeUndefined()
    expect(analyzeId('431389760616601').problem).toBeUndefined()
  })
})

describe('analyzeId: checksum', () => {
  it('reports the expected check digit', () => {
    const a = analyzeId('360426199101010072')
    expect(a.problem?.type).toBe('checksum')
    expect(a.problem?.expectedCheck).toBe('1')
    expect(a.birth).toBeUndefined()
    expect(a.sex).toBeUndefined()
    expect(a.regionCode).toBeUndefined()
  })

  it('an X where a digit belongs', () => {
    expect(analyzeId('36042619910101007X').problem?.expectedCheck).toBe('1')
  })

  it('every single-digit substitution is caught (MOD 11-2 guarantee)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({min: 0, max: 9}), {minLength: 17, maxLength: 17}),
        fc.integer({min: 0, max: 16}),
        fc.integer({min: 1, max: 9}),
        (digits, pos, delta) => {
          const first17 = digits.join('')
          const id = first17 + checkDigit(first17)
          expect(analyzeId(id).problem).toBeUndefined()
          const changed = id.slice(0, pos) + String(((digits[pos] ?? 0) + delta) % 10) + id.slice(pos + 1)
          expect(analyzeId(changed).problem).toBeDefined()
        },
      ),
      {numRuns: 1000},
    )
  })
})

describe('analyzeId: content', () => {
  it('reads birth date, sex and region code', () => {
    const a = analyzeId('120103198806018241')
    expect(a.birth).toEqual({year: 1988, month: 6, day: 1, iso: '1988-06-01'})
    expect(a.sex).toBe('女')
    expect(a.regionCode).toBe('120103')
    expect(a.legacy15).toBe(false)
    expect(analyzeId('360426199101010071').sex).toBe('男')
  })

  it('reads a 15-digit number as 19YYMMDD and upgrades it', () => {
    const a = analyzeId('431389760616601')
    expect(a.legacy15).toBe(true)
    expect(a.canonical).toBe(upgrade15('431389760616601'))
    expect(a.birth?.iso).toBe('1976-06-16')
    expect(a.sex).toBe('男')
  })

  it('flags impossible birth dates but keeps the number well formed', () => {
    for (const id of ['360426199113010079', '360426201102300070', '360426201113050070', '360426186901010077', '360426200102290023']) {
      const a = analyzeId(id)
      expect(a.problem).toBeUndefined()
      expect(a.birthInvalid).toBeDefined()
      expect(a.birth).toBeUndefined()
    }
    expect(analyzeId('610104620932690').birthInvalid).toBeDefined()
  })

  it('accepts 29 February in a leap year', () => {
    const a = analyzeId('360426200002290026')
    expect(a.birthInvalid).toBeUndefined()
    expect(a.birth?.iso).toBe('2000-02-29')
  })

  it('accepts births from 1870 (not only from 1900)', () => {
    expect(analyzeId('110101188606258888').birth?.iso).toBe('1886-06-25')
  })

  it('leaves future dates to the caller', () => {
    const id = '11010120990101' + '001'
    expect(analyzeId(id + checkDigit(id)).birthInvalid).toBeUndefined()
  })

  it('marks 港澳台 residence permits', () => {
    expect(analyzeId('810000199408230021').residencePermit).toBe('HK')
    expect(analyzeId('820000199408230023').residencePermit).toBe('MO')
    expect(analyzeId('830000199201300022').residencePermit).toBe('TW')
    expect(analyzeId('360426199101010071').residencePermit).toBeUndefined()
  })

  it('fills content only when there is no problem', () => {
    const a = analyzeId('4.30102E+17')
    expect(a.birth ?? a.birthInvalid ?? a.sex ?? a.regionCode ?? a.canonical).toBeUndefined()
  })
})

describe('analyzeId: robustness', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), (raw) => {
        const a = analyzeId(raw)
        expect(a.raw).toBe(raw)
        expect(isExcelMangled(raw)).toBe(a.problem?.type === 'excel-mangled')
      }),
      {numRuns: 1000},
    )
  })

  it('never throws on digit-heavy strings', () => {
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom(...'0123456789Xx.E+ '), maxLength: 22}), (raw) => {
        analyzeId(raw)
      }),
      {numRuns: 1000},
    )
  })
})
