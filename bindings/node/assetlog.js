'use strict'
// The package's entry point: the native module that napi-rs loads
// (index.js, generated) with one guarantee added at the boundary: every
// error thrown or rejected carries a `code` from `errorCodes()` and its
// `kind`. napi's own argument conversion errors (`StringExpected`,
// `BigintExpected`, `InvalidArg`...: a string where a BigInt belongs, a
// missing argument) become `INVALID_VALUE`, kind `bad_input`, with a message
// in JavaScript terms. An invalid `Date` inside an event is refused before
// the event is read (JSON.stringify would turn it into null). Nothing else
// happens here: every rule lives in the core.

const native = require('./index.js')

const CODES = new Set(native.errorCodes())

const RUST_TYPES = {
  String: 'a string',
  BigInt: 'a BigInt (such as 10n)',
  bool: 'a boolean',
  f64: 'a number',
  i64: 'a number',
  i32: 'a number',
  u32: 'a whole number from 0',
  u64: 'a whole number from 0',
  Object: 'an object',
}

const STATUS_WORDS = {
  StringExpected: 'a string',
  BigintExpected: 'a BigInt (such as 10n)',
  NumberExpected: 'a number',
  BooleanExpected: 'a boolean',
  ObjectExpected: 'an object',
  ArrayExpected: 'an array',
  FunctionExpected: 'a function',
  DateExpected: 'a Date',
}

function inJsTerms(status, message) {
  // "Failed to convert JavaScript value `Number 5 ` into rust type `String` on FleetOptions.country"
  const m = /JavaScript value `([^`]*)` into rust type `([^`<]*)[^`]*`(?: on (\S+))?/.exec(message || '')
  if (m) {
    const got = m[1].trim() || 'undefined'
    const want = RUST_TYPES[m[2]] || STATUS_WORDS[status] || `a ${m[2]}`
    return m[3] ? `invalid ${m[3]}: expected ${want}, got ${got}` : `invalid argument: expected ${want}, got ${got}`
  }
  const want = STATUS_WORDS[status]
  if (want) return `invalid argument: expected ${want}${message ? ` (${message})` : ''}`
  return `invalid argument: ${message || status}`
}

function coded(e) {
  if (e !== null && typeof e === 'object' && !CODES.has(e.code)) {
    const status = e.code
    e.message = inJsTerms(status, e.message)
    e.code = 'INVALID_VALUE'
    e.kind = 'bad_input'
    if (status !== undefined) e.napiStatus = status
  }
  return e
}

function refuse(message, fields) {
  return Object.assign(new Error(message), { code: 'INVALID_VALUE', kind: 'bad_input' }, fields)
}

function isInvalidDate(v) {
  return v instanceof Date && Number.isNaN(v.getTime())
}

// An invalid Date anywhere in an event (its fields or its data) is refused,
// naming the field and the event's place in the batch.
function checkDates(event, index, batch) {
  if (event === null || typeof event !== 'object') return
  for (const key in event) {
    const v = event[key]
    if (isInvalidDate(v)) throw badDate(key, index, batch)
    if (key === 'data' && v !== null && typeof v === 'object') {
      for (const k in v) if (isInvalidDate(v[k])) throw badDate(`data.${k}`, index, batch)
    }
  }
}

function badDate(field, index, batch) {
  const what = `invalid ${field} 'Invalid Date': a valid Date or an ISO 8601 string (new Date(...) could not read its input)`
  if (batch === undefined) return refuse(what, { field, input: 'Invalid Date' })
  return refuse(`event ${index} of the batch of ${batch}: ${what}`, { field, input: 'Invalid Date', index, batch })
}

function checkEvents(events) {
  if (Array.isArray(events)) {
    if (events.length === 1) checkDates(events[0])
    else for (let i = 0; i < events.length; i++) checkDates(events[i], i, events.length)
  } else {
    checkDates(events)
  }
}

const CHECKS = { append: checkEvents, appendAsync: checkEvents, record: checkEvents }

function wrap(f, check) {
  return function (...args) {
    try {
      if (check) check(args[0])
      const r = f.apply(this, args)
      return r instanceof Promise ? r.catch((e) => Promise.reject(coded(e))) : r
    } catch (e) {
      throw coded(e)
    }
  }
}

const proto = native.AssetLog.prototype
for (const name of Object.getOwnPropertyNames(proto)) {
  const d = Object.getOwnPropertyDescriptor(proto, name)
  if (name !== 'constructor' && typeof d.value === 'function') {
    Object.defineProperty(proto, name, { ...d, value: wrap(d.value, CHECKS[name]) })
  }
}
// fleetAsync: the native read is one snapshot made off the main thread; its
// views are turned into objects 1,000 at a time, the event loop running in
// between, so 60,000 views never hold it for more than a few milliseconds.
const nativeFleetAsync = proto.fleetAsync
Object.defineProperty(proto, 'fleetAsync', {
  configurable: true,
  writable: true,
  value: async function fleetAsync(options) {
    return drain(await nativeFleetAsync.call(this, options), 250)
  },
})

// Results of async calls are turned into objects a slice at a time, the
// event loop running in between.
async function drain(batch, size) {
  const out = []
  for (;;) {
    const part = batch.take(size)
    if (part.length === 0) return out
    for (const x of part) out.push(x)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

// appendAsync: a large batch is serialized 2,000 events at a time between
// turns of the event loop (JSON.stringify must run on the main thread),
// appended as one atomic batch off it, and its results handed back in slices.
const nativeAppendParts = proto.appendPartsAsync
delete proto.appendPartsAsync
Object.defineProperty(proto, 'appendAsync', {
  configurable: true,
  writable: true,
  value: async function appendAsync(events) {
    try {
      checkEvents(events)
      if (!Array.isArray(events)) events = [events]
      const parts = []
      for (let s = 0; s < events.length; s += 2000) {
        if (s > 0) await new Promise((resolve) => setImmediate(resolve))
        const text = JSON.stringify(events.slice(s, s + 2000))
        if (text === undefined) throw refuse('events must be objects', { field: 'events' })
        parts.push(text)
      }
      if (parts.length === 0) parts.push('[]')
      return await drain(await nativeAppendParts.call(this, parts), 5000)
    } catch (e) {
      throw coded(e)
    }
  },
})

// feedAsync: the page is read off the main thread and handed over in slices.
const nativeFeedAsync = proto.feedAsync
Object.defineProperty(proto, 'feedAsync', {
  configurable: true,
  writable: true,
  value: async function feedAsync(after, limit, options) {
    return drain(await nativeFeedAsync.call(this, after, limit, options), 1000)
  },
})

// follow: every event after `after`, page by page, as an async iterator:
// `for await (const e of log.follow(0n, { waitMs: 30000 }))`. Without
// `waitMs` it ends once caught up; with it, it waits that long for new
// events (appended by any process) and ends only after that long without
// one. The waiting is the core's (feed_wait), off the main thread.
Object.defineProperty(proto, 'follow', {
  configurable: true,
  writable: true,
  value: async function* follow(after = 0n, options = {}) {
    const { page = 1000, waitMs = 0, ...rest } = options
    const unknown = Object.keys(rest)
    if (unknown.length) {
      throw refuse(`invalid follow option '${unknown[0]}': an unknown key; the known keys are page, waitMs`, { field: 'FollowOptions', input: unknown[0] })
    }
    for (;;) {
      const events = await this.feedAsync(after, page, { waitMs })
      if (events.length === 0) return
      yield* events
      after = events[events.length - 1].position
    }
  },
})

if (typeof Symbol.dispose === 'symbol' && !proto[Symbol.dispose]) {
  // `using log = new AssetLog(path)` closes it at the end of the block.
  Object.defineProperty(proto, Symbol.dispose, { value: proto.close, configurable: true })
}

/** Open or create a log; see index.d.ts. `AssetLog(...)` without `new` is refused. */
function AssetLog(...args) {
  if (!new.target) throw refuse('AssetLog is a class: call new AssetLog(path)', { field: 'AssetLog' })
  try {
    return new native.AssetLog(...args)
  } catch (e) {
    throw coded(e)
  }
}
AssetLog.prototype = proto
Object.defineProperty(proto, 'constructor', { value: AssetLog, configurable: true, writable: true })

for (const [name, value] of Object.entries(native)) {
  if (name === 'AssetLog' || name.startsWith('__')) continue
  module.exports[name] = typeof value === 'function' ? wrap(value) : value
}
module.exports.AssetLog = AssetLog

/**
 * JSON text of anything assetlog returns: positions (BigInt) become
 * decimal strings, Dates ISO strings. `JSON.stringify` alone refuses BigInt.
 */
module.exports.stringify = function stringify(value, space) {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), space)
}
