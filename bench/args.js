// Command-line options of the evaluation scripts (eval-*.js): `--name value`, and ranges `1-6,9`.

/** The value after `--name`, or `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}

/** `1-3,8` → [1, 2, 3, 8]. */
export function range(spec) {
  return spec.split(',').flatMap((part) => {
    const m = /^(\d+)-(\d+)$/.exec(part)
    if (!m) return [Number(part)]
    const out = []
    for (let x = Number(m[1]); x <= Number(m[2]); x++) out.push(x)
    return out
  })
}
