// The TypeScript types of events, statuses and error codes, generated from
// the core's schema (eventSchema(), statuses(), errorTable()) into the
// generated block of dts-header.d.ts, which napi puts at the top of
// index.d.ts. `node scripts/dts.mjs --write` regenerates it; the test
// suite fails while the committed block differs from the core.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const HEADER = join(here, '..', 'dts-header.d.ts')
const BEGIN = "// ---- generated from the core's schema by `node scripts/dts.mjs --write`: do not edit ----"
const END = '// ---- end of the generated block ----'

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase())
const union = (values) => values.map((v) => `'${v}'`).join(' | ')

const TS = {
  text: () => 'string',
  money: () => 'MoneyInput',
  date: () => 'When',
  country: () => 'string',
  person: () => 'string',
  boolean: () => 'boolean',
  number: () => 'number',
  enumeration: (f) => union(f.values),
}

/** The generated block, from the native module's schema. */
export function generated(native) {
  const events = native.eventSchema()
  const table = native.errorTable()
  const kinds = [...new Set(table.map((r) => r.kind))]
  const out = [BEGIN]
  out.push('/** An asset\'s status. */')
  out.push(`export type Status = ${union(native.statuses())}`)
  out.push('/** An event type. */')
  out.push(`export type EventType = ${union(events.map((e) => e.type))}`)
  out.push('/** A stable error code: `err.code` (see `errorTable()`). */')
  out.push(`export type ErrorCode = ${union(table.map((r) => r.code))}`)
  out.push('/** What kind of failure an error is: `err.kind`. */')
  out.push(`export type ErrorKind = ${union(kinds)}`)
  for (const e of events) {
    out.push(`/** The payload of the \`${e.type}\` event. */`)
    out.push(`export interface ${pascal(e.type)}Data {`)
    for (const f of e.fields) out.push(`  ${camel(f.name)}${f.required ? '' : '?'}: ${TS[f.kind](f)}`)
    out.push('}')
  }
  out.push('/** An event to append: its `type` says which payload `data` holds. */')
  out.push('export type EventInput =')
  for (const e of events) {
    const optional = e.fields.every((f) => !f.required)
    out.push(`  | (EventEnvelope & { type: '${e.type}'; data${optional ? '?' : ''}: ${pascal(e.type)}Data })`)
  }
  out.push(END)
  return out.join('\n') + '\n'
}

/** The block as committed in dts-header.d.ts. */
export function committed() {
  const text = readFileSync(HEADER, 'utf8')
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  if (start < 0 || end < 0) return ''
  return text.slice(start, end + END.length) + '\n'
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const native = createRequire(import.meta.url)('../index.js')
  const block = generated(native)
  if (process.argv.includes('--write')) {
    const text = readFileSync(HEADER, 'utf8')
    const start = text.indexOf(BEGIN)
    const end = text.indexOf(END)
    const next = start < 0 ? `${text}\n${block}` : text.slice(0, start) + block + text.slice(end + END.length + 1)
    writeFileSync(HEADER, next)
  } else if (block !== committed()) {
    console.error('dts-header.d.ts differs from the core: run node scripts/dts.mjs --write')
    process.exit(1)
  }
}
