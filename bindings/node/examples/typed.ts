// Type-checked against index.d.ts by `tsc --noEmit` in the test script.
import { AssetLog, type AssetView, type EventInput, type FleetCounts, transitions } from '..'

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
