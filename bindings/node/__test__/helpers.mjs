// Shared by the tests: the fixtures and their canonical JSON forms.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const dir = join(ROOT, 'tests', 'fixtures')
export const FIXTURES = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ name: f, data: JSON.parse(readFileSync(join(dir, f), 'utf8')) }))

// camelCase keys only: map keys such as country codes ("DE") stay as they are
const snake = (k) => (/[a-z]/.test(k) ? k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()) : k)
const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

/** Node values back into the core's JSON forms, for comparing with fixtures. */
export function canonical (v) {
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z')
  if (typeof v === 'bigint') return Number(v)
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object') {
    const keys = Object.keys(v)
    if (keys.length === 2 && 'amount' in v && 'currency' in v) return `${v.amount} ${v.currency}`
    return Object.fromEntries(keys.map((k) => [snake(k), canonical(v[k])]))
  }
  return v === undefined ? null : v
}

/** A fixture event (wire form) as the Node API's EventInput. */
export function eventInput (e) {
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [camel(k), v]))
}

export function subsetDiff (expected, actual, path = '') {
  if (expected && typeof expected === 'object' && !Array.isArray(expected) && actual && typeof actual === 'object' && !Array.isArray(actual)) {
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) {
        if (v === null) continue
        return `${path}.${k}: missing`
      }
      const d = subsetDiff(v, actual[k], `${path}.${k}`)
      if (d) return d
    }
    return null
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${path}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`
    for (let i = 0; i < expected.length; i++) {
      const d = subsetDiff(expected[i], actual[i], `${path}[${i}]`)
      if (d) return d
    }
    return null
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`
}
