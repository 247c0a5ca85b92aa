// Type-checked against index.d.ts by `tsc --noEmit` in the test script.
import { AssetLog, type AssetLogError, type AssetView, type ErrorCode, type EventInput, type FleetCounts, type Money, type Status, transitions } from '..'

const log: AssetLog = new AssetLog(null, { durability: 'process' })
const events: EventInput[] = [
  { asset: 'LAP-1', type: 'ordered', occurredAt: new Date('2024-01-10T09:00:00Z'),
    data: { category: 'laptop', vendor: 'Dell', model: 'XPS', unitCost: { amount: '1500.00', currency: 'EUR' } } },
  { asset: 'LAP-1', type: 'received', occurredAt: '2024-01-11T09:00:00Z', expectedVersion: 1, data: { location: 'Depot' } },
]
const positions: bigint[] = log.append(events).map((a) => a.position)
const view: AssetView = log.asset('LAP-1', { asOf: new Date() })
const when: Date = view.statusSince
const counts: FleetCounts = log.counts({ country: 'DE', asOf: '2024-12-31' })
const later: Promise<FleetCounts> = log.countsAsync({ status: 'in_stock' })
const names: string[] = transitions().map((t) => t.event)
console.log(positions, view.unitCost.amount, when.toISOString(), counts.total, later, names.length)

// The types catch what the runtime would refuse (tsc fails if one of these compiles):
// @ts-expect-error a misspelt event type
const misspelt: EventInput = { asset: 'LAP-2', type: 'recieved', data: { location: 'Depot' } }
// @ts-expect-error a misspelt payload field
const field: EventInput = { asset: 'LAP-2', type: 'received', data: { locaton: 'Depot' } }
// @ts-expect-error money is never a number
const money: EventInput = { asset: 'LAP-2', type: 'ordered', data: { category: 'laptop', vendor: 'Dell', model: 'XPS', unitCost: 1299 } }
// @ts-expect-error a status that does not exist
const wrongStatus = view.status === 'instock'
const status: Status = view.status
try {
  log.record({ asset: 'LAP-1', type: 'retired', data: { reason: 'end_of_life' } })
} catch (e) {
  const err = e as AssetLogError
  const code: ErrorCode = err.code
  console.log(code, err.kind)
}
console.log(misspelt, field, money, wrongStatus, status)
// a recorded event's data is plain stored JSON (money as text), not a view's Money
const recorded = log.feed(0n, 1)[0]
// @ts-expect-error data holds unknowns: check before treating them as Money
const price: Money = recorded.data.unitCost
console.log(price)
