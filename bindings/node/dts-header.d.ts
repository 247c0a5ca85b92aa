/** A moment: a `Date` or an ISO 8601 string (`'2024-03-01'` is a date; as an as-of moment it means the end of that day, UTC). An invalid `Date` is refused. */
export type When = Date | string
/** An options object whose keys are checked: an unknown key is refused with `INVALID_VALUE`. */
export type Strict<T> = T
/** Money in an event: `'1299.00 EUR'` or `{ amount: '1299.00', currency: 'EUR' }`, never a number. */
export type MoneyInput = string | { amount: string; currency: string }
/** What every event carries besides its type and payload. */
export interface EventEnvelope {
  /** The asset's tag (or its id, with `assetId` for an `ordered` event that keeps one). */
  asset: string
  /** When it happened (default now); a date alone is the start of that day, UTC. */
  occurredAt?: When
  /** Who records it. */
  actor?: string
  /** The idempotency key (a UUID); a retry with the same id and content is not stored twice. */
  eventId?: string
  /** Ties the events of one operation together (a UUID). */
  correlationId?: string
  /** Refuse unless the asset is at this version (`'no_stream'`: does not exist yet). */
  expectedVersion?: number | 'any' | 'no_stream'
  /** For `ordered`: the id the new asset gets. */
  assetId?: string
  /** Accept a serial another asset already has (`ordered`, `received`). */
  allowDuplicateSerial?: boolean
}

/**
 * Added by the package entry (assetlog.js), which also gives the class
 * `[Symbol.dispose]` where the runtime has it: `using log = new AssetLog(path)`
 * closes the log at the end of the block.
 */
export interface AssetLog {
  /**
   * Every event after `after`, page by page: `for await (const e of log.follow(0n, { waitMs: 30000 }))`.
   * Without `waitMs` it ends once caught up; with it, it waits that long for new
   * events (from any process) and ends only after that long without one.
   */
  follow(after?: bigint, options?: { page?: number; waitMs?: number }): AsyncGenerator<RecordedEvent, void, undefined>
}

/** What every thrown error (and rejected Promise) of assetlog is. */
export interface AssetLogError extends Error {
  code: ErrorCode
  kind: ErrorKind
  /** The error's fields (`asset`, `assetStatus`, `field`, `input`, `index`...); see docs/bindings.md. */
  [field: string]: unknown
}

/** JSON text of anything assetlog returns: positions (BigInt) as decimal strings, Dates as ISO strings. */
export declare function stringify(value: unknown, space?: number | string): string


// ---- generated from the core's schema by `node scripts/dts.mjs --write`: do not edit ----
/** An asset's status. */
export type Status = 'ordered' | 'in_stock' | 'in_transit' | 'assigned' | 'in_repair' | 'return_pending' | 'lost' | 'retired'
/** An event type. */
export type EventType = 'ordered' | 'received' | 'shipped' | 'delivered' | 'assigned' | 'unassigned' | 'observed' | 'patched' | 'sent_for_repair' | 'repaired' | 'ticket_opened' | 'ticket_closed' | 'return_requested' | 'returned' | 'wiped' | 'retired' | 'reported_lost' | 'found' | 'relocated' | 'cost_recorded' | 'note' | 'license_purchased' | 'license_renewed' | 'seats_changed' | 'seat_assigned' | 'seat_released' | 'license_cancelled' | 'license_expired' | 'software_installed' | 'software_removed' | 'seat_transferred'
/** A stable error code: `err.code` (see `errorTable()`). */
export type ErrorCode = 'INVALID_TRANSITION' | 'VERSION_CONFLICT' | 'UNKNOWN_ASSET' | 'UNKNOWN_PERSON' | 'NO_FREE_SEAT' | 'DUPLICATE_TAG' | 'DUPLICATE_SERIAL' | 'EVENT_ID_REUSED' | 'UNKNOWN_CURRENCY' | 'INVALID_AMOUNT' | 'NEGATIVE_AMOUNT' | 'CURRENCY_MISMATCH' | 'MISSING_FX_RATE' | 'EMPTY_FIELD' | 'TEXT_TOO_LONG' | 'INVALID_VALUE' | 'DATE_OUT_OF_RANGE' | 'INVALID_EVENT' | 'AMOUNT_OVERFLOW' | 'NOT_AN_ASSETLOG' | 'SCHEMA_TOO_NEW' | 'BUSY' | 'CORRUPT_EVENT' | 'IO' | 'STORAGE' | 'SERVER_UNAVAILABLE' | 'PERMISSION_DENIED' | 'CLOSED' | 'INTERNAL'
/** What kind of failure an error is: `err.kind`. */
export type ErrorKind = 'conflict' | 'not_found' | 'bad_input' | 'environment' | 'corrupt' | 'internal'
/** The payload of the `ordered` event. */
export interface OrderedData {
  category: string
  vendor: string
  model: string
  serial?: string
  unitCost: MoneyInput
  orderRef?: string
  warrantyEnd?: When
}
/** The payload of the `received` event. */
export interface ReceivedData {
  location: string
  country?: string
  serial?: string
}
/** The payload of the `shipped` event. */
export interface ShippedData {
  from?: string
  to: string
  toCountry?: string
  carrier?: string
  trackingRef?: string
  cost?: MoneyInput
}
/** The payload of the `delivered` event. */
export interface DeliveredData {
  location?: string
  country?: string
}
/** The payload of the `assigned` event. */
export interface AssignedData {
  person: string
  department?: string
  costCentre?: string
}
/** The payload of the `unassigned` event. */
export interface UnassignedData {
  reason?: string
}
/** The payload of the `observed` event. */
export interface ObservedData {
  location?: string
  country?: string
  osVersion?: string
  firmwareVersion?: string
  source?: string
}
/** The payload of the `patched` event. */
export interface PatchedData {
  component: string
  version: string
}
/** The payload of the `sent_for_repair` event. */
export interface SentForRepairData {
  vendor?: string
  reason?: string
}
/** The payload of the `repaired` event. */
export interface RepairedData {
  cost?: MoneyInput
  vendor?: string
  underWarranty?: boolean
  description?: string
}
/** The payload of the `ticket_opened` event. */
export interface TicketOpenedData {
  ticketId: string
  summary?: string
}
/** The payload of the `ticket_closed` event. */
export interface TicketClosedData {
  ticketId: string
  cost?: MoneyInput
  resolution?: string
}
/** The payload of the `return_requested` event. */
export interface ReturnRequestedData {
  reason: 'offboarding' | 'upgrade' | 'repair' | 'lease_end' | 'other'
  due: When
}
/** The payload of the `returned` event. */
export interface ReturnedData {
  condition: 'good' | 'worn' | 'damaged' | 'broken'
  location: string
  country?: string
}
/** The payload of the `wiped` event. */
export interface WipedData {
  method: string
  certificateRef?: string
}
/** The payload of the `retired` event. */
export interface RetiredData {
  reason: 'end_of_life' | 'sold' | 'donated' | 'recycled' | 'lost' | 'stolen' | 'broken'
  resaleValue?: MoneyInput
  disposalCost?: MoneyInput
}
/** The payload of the `reported_lost` event. */
export interface ReportedLostData {
  stolen?: boolean
  reportRef?: string
}
/** The payload of the `found` event. */
export interface FoundData {
  location: string
  country?: string
}
/** The payload of the `relocated` event. */
export interface RelocatedData {
  location: string
  country?: string
}
/** The payload of the `cost_recorded` event. */
export interface CostRecordedData {
  kind: 'purchase' | 'shipping' | 'repair' | 'support' | 'other'
  amount: MoneyInput
  description?: string
}
/** The payload of the `note` event. */
export interface NoteData {
  text: string
}
/** The payload of the `license_purchased` event. */
export interface LicensePurchasedData {
  product: string
  publisher?: string
  edition?: string
  kind: 'per_user' | 'per_device' | 'site' | 'concurrent'
  seats?: number
  termStart: When
  termEnd?: When
  cost: MoneyInput
  orderRef?: string
  notReassignable?: boolean
  allowOveruse?: boolean
}
/** The payload of the `license_renewed` event. */
export interface LicenseRenewedData {
  termEnd: When
  cost: MoneyInput
}
/** The payload of the `seats_changed` event. */
export interface SeatsChangedData {
  seats: number
  cost?: MoneyInput
}
/** The payload of the `seat_assigned` event. */
export interface SeatAssignedData {
  person?: string
  device?: string
}
/** The payload of the `seat_released` event. */
export interface SeatReleasedData {
  person?: string
  device?: string
}
/** The payload of the `license_cancelled` event. */
export interface LicenseCancelledData {
  reason?: string
}
/** The payload of the `license_expired` event. */
export interface LicenseExpiredData {
}
/** The payload of the `software_installed` event. */
export interface SoftwareInstalledData {
  name: string
  version?: string
  publisher?: string
}
/** The payload of the `software_removed` event. */
export interface SoftwareRemovedData {
  name: string
  version?: string
}
/** The payload of the `seat_transferred` event. */
export interface SeatTransferredData {
  fromPerson?: string
  fromDevice?: string
  toPerson?: string
  toDevice?: string
}
/** An event to append: its `type` says which payload `data` holds. */
export type EventInput =
  | (EventEnvelope & { type: 'ordered'; data: OrderedData })
  | (EventEnvelope & { type: 'received'; data: ReceivedData })
  | (EventEnvelope & { type: 'shipped'; data: ShippedData })
  | (EventEnvelope & { type: 'delivered'; data?: DeliveredData })
  | (EventEnvelope & { type: 'assigned'; data: AssignedData })
  | (EventEnvelope & { type: 'unassigned'; data?: UnassignedData })
  | (EventEnvelope & { type: 'observed'; data?: ObservedData })
  | (EventEnvelope & { type: 'patched'; data: PatchedData })
  | (EventEnvelope & { type: 'sent_for_repair'; data?: SentForRepairData })
  | (EventEnvelope & { type: 'repaired'; data?: RepairedData })
  | (EventEnvelope & { type: 'ticket_opened'; data: TicketOpenedData })
  | (EventEnvelope & { type: 'ticket_closed'; data: TicketClosedData })
  | (EventEnvelope & { type: 'return_requested'; data: ReturnRequestedData })
  | (EventEnvelope & { type: 'returned'; data: ReturnedData })
  | (EventEnvelope & { type: 'wiped'; data: WipedData })
  | (EventEnvelope & { type: 'retired'; data: RetiredData })
  | (EventEnvelope & { type: 'reported_lost'; data?: ReportedLostData })
  | (EventEnvelope & { type: 'found'; data: FoundData })
  | (EventEnvelope & { type: 'relocated'; data: RelocatedData })
  | (EventEnvelope & { type: 'cost_recorded'; data: CostRecordedData })
  | (EventEnvelope & { type: 'note'; data: NoteData })
  | (EventEnvelope & { type: 'license_purchased'; data: LicensePurchasedData })
  | (EventEnvelope & { type: 'license_renewed'; data: LicenseRenewedData })
  | (EventEnvelope & { type: 'seats_changed'; data: SeatsChangedData })
  | (EventEnvelope & { type: 'seat_assigned'; data?: SeatAssignedData })
  | (EventEnvelope & { type: 'seat_released'; data?: SeatReleasedData })
  | (EventEnvelope & { type: 'license_cancelled'; data?: LicenseCancelledData })
  | (EventEnvelope & { type: 'license_expired'; data?: LicenseExpiredData })
  | (EventEnvelope & { type: 'software_installed'; data: SoftwareInstalledData })
  | (EventEnvelope & { type: 'software_removed'; data: SoftwareRemovedData })
  | (EventEnvelope & { type: 'seat_transferred'; data?: SeatTransferredData })
// ---- end of the generated block ----
