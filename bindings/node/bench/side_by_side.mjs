// Batch append and rebuild from Node against the same workload in Rust, in one go.
//
//   node bindings/node/bench/side_by_side.mjs [--assets N]
//
// Runs the Rust side (`cargo run --release -p assetlog-benches --bin ratios -- --json`)
// first, then the same fleet from Node; each figure is the best of three runs.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const { AssetLog } = createRequire(import.meta.url)('..')
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const i = process.argv.indexOf('--assets')
const assets = i > 0 ? Number(process.argv[i + 1]) : 10000
const COUNTRIES = ['DE', 'FR', 'US', 'SG', 'BR', 'JP', 'IN', 'GB']

// The same ten events as benches/src/lib.rs::asset_events.
function assetEvents (i) {
  const asset = `LAP-${String(i).padStart(6, '0')}`
  const start = Date.parse('2023-01-02T08:00:00Z') + i * 60000
  const at = (d) => new Date(start + d * 86400000)
  const person = `emp-${i % 5000}`
  const country = COUNTRIES[i % 8]
  const e = (type, d, data = {}) => ({ asset, type, occurredAt: at(d), actor: 'bench', data })
  const cents = 129900 + (i % 500) * 100
  return [
    e('ordered', 0, { category: 'laptop', vendor: 'Lenovo', model: 'ThinkPad T14 Gen 5', serial: `PF${String(i).padStart(8, '0')}`,
      unitCost: { amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`, currency: 'EUR' },
      orderRef: `PO-${Math.floor(i / 100)}`, warrantyEnd: '2026-01-31' }),
    e('received', 7, { location: 'Berlin warehouse', country: 'DE' }),
    e('assigned', 9, { person, department: 'Engineering', costCentre: 'CC-4100' }),
    e('shipped', 10, { from: 'Berlin warehouse', to: `Home of ${person}`, toCountry: country, carrier: 'DHL',
      trackingRef: `JD${String(i).padStart(12, '0')}`, cost: { amount: '35.00', currency: 'EUR' } }),
    e('delivered', 13),
    e('observed', 30, { country, osVersion: 'Windows 11 23H2', firmwareVersion: '1.28', source: 'intune' }),
    e('patched', 60, { component: 'os', version: 'KB5035853' }),
    e('ticket_opened', 120, { ticketId: `INC-${i}`, summary: 'keyboard sticks' }),
    e('ticket_closed', 125, { ticketId: `INC-${i}`, cost: { amount: '45.00', currency: 'EUR' }, resolution: 'replaced keyboard' }),
    e('return_requested', 360, { reason: 'upgrade', due: '2024-03-31' }),
  ]
}

const rust = JSON.parse(execFileSync('cargo', ['run', '-q', '--release', '-p', 'assetlog-benches', '--bin', 'ratios', '--',
  '--assets', String(assets), '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 }))
const byName = Object.fromEntries(rust.workloads.map((w) => [w.name, w.assetlog_per_s]))

const events = []
for (let a = 0; a < assets; a++) events.push(...assetEvents(a))
const n = events.length
const dir = mkdtempSync(join(tmpdir(), 'assetlog-node-bench-'))
let k = 0
const fresh = () => new AssetLog(join(dir, `node-${k++}.db`))
const best = (f) => Math.min(f(), f(), f())
const time = (f) => { const t = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t) / 1e9 }

const batch = best(() => { const log = fresh(); return time(() => { for (let s = 0; s < n; s += 1000) log.append(events.slice(s, s + 1000)) }) })
const single = Math.max(100, Math.floor(n / 20))
const one = best(() => { const log = fresh(); return time(() => { for (let s = 0; s < single; s++) log.record(events[s]) }) })
const log = fresh()
for (let s = 0; s < n; s += 1000) log.append(events.slice(s, s + 1000))
const rebuild = best(() => time(() => log.rebuild()))
let rebuildAsync = Infinity
for (let r = 0; r < 3; r++) {
  const t = process.hrtime.bigint()
  await log.rebuildAsync()
  rebuildAsync = Math.min(rebuildAsync, Number(process.hrtime.bigint() - t) / 1e9)
}
const bestOf = (k, f) => { let m = Infinity; for (let r = 0; r < k; r++) m = Math.min(m, time(f)); return m }
const assetView = bestOf(5, () => log.asset('LAP-000042'))
const fleet = bestOf(3, () => log.fleet())
const feed = bestOf(5, () => log.feed(BigInt(n / 2), 1000))
rmSync(dir, { recursive: true, force: true })

const rows = [
  ['batch append (1,000/tx)', n / batch, byName['batch append (1,000/tx, asset by asset)']],
  ['single-event append (1/tx)', single / one, byName['single-event append (1/tx)']],
  ['rebuild all views', n / rebuild, byName['rebuild all views vs ordered scan']],
  ['rebuild all views (rebuildAsync)', n / rebuildAsync, byName['rebuild all views vs ordered scan']],
]
console.log(`${assets} assets x 10 events = ${n} events\n`)
console.log('| workload | Node events/s | Rust events/s | Node / Rust |')
console.log('|---|---:|---:|---:|')
for (const [name, js, rs] of rows) console.log(`| ${name} | ${Math.round(js).toLocaleString('en')} | ${Math.round(rs).toLocaleString('en')} | ${(js / rs).toFixed(2)}x |`)
const reads = [
  ['one asset view', assetView, rust.asset_view_now_us / 1e6],
  [`the fleet (${assets.toLocaleString('en')} views)`, fleet, rust.fleet_now_ms / 1e3],
  ['a feed page of 1,000 events', feed, rust.feed_page_1000_ms / 1e3],
]
console.log('\n| read | Node | Rust | Node / Rust (speed) |')
console.log('|---|---:|---:|---:|')
for (const [name, js, rs] of reads) console.log(`| ${name} | ${(js * 1e3).toFixed(3)} ms | ${(rs * 1e3).toFixed(3)} ms | ${(rs / js).toFixed(2)}x |`)
