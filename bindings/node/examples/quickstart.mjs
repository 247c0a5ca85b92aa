// The README's Node quickstart (__test__/readme.test.mjs runs it).
import { AssetLog } from 'assetlog'

const log = new AssetLog() // or new AssetLog('fleet.db')
log.append([
  { asset: 'LAP-0042', type: 'ordered', data: { category: 'laptop', vendor: 'Dell', model: 'Latitude 7450', unitCost: { amount: '1299.00', currency: 'EUR' } } },
  { asset: 'LAP-0042', type: 'received', data: { location: 'Berlin office', country: 'DE' } },
  { asset: 'LAP-0042', type: 'assigned', data: { person: 'emp-1042', department: 'Engineering' } },
])
const laptop = log.asset('LAP-0042')
console.log(laptop.tag, laptop.status, laptop.holder) // LAP-0042 assigned emp-1042
try {
  log.record({ asset: 'LAP-0042', type: 'received', data: { location: 'Depot' } })
} catch (err) {
  console.log(err.code, err.assetStatus) // INVALID_TRANSITION assigned
}
const stats = await log.rebuildAsync() // long work runs off the event loop
console.log(stats.events) // 3
