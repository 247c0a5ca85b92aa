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

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/** r" Where the events of an `appendAsync` batch landed. */
export declare class AppendedBatch {
  /** The next `n` items (none once all were taken). */
  take(n: number): Array<Appended>
}

/** An open assetlog: a file, or memory, until `close()`. */
export declare class AssetLog {
  /** Open or create a log file; without a path, a log in memory. */
  constructor(path?: string | undefined | null, options?: Strict<OpenOptions> | undefined | null)
  /** The file path, or null in memory (or once closed). */
  get path(): string | null
  /**
   * Close the log: its files are released once work already running
   * ends; every later call throws `CLOSED`. Closing twice is harmless.
   */
  close(): void
  /** Whether `close()` was called. */
  get closed(): boolean
  /** Append events atomically (all or none). */
  append(events: Array<EventInput>): Array<Appended>
  /** Append events off the main thread; resolves with their positions. */
  appendAsync(events: Array<EventInput>): Promise<Array<Appended>>
  /** Append one event. */
  record(event: EventInput): Appended
  /** An asset's view now, or at a moment. */
  asset(asset: string, atOptions?: Strict<AtOptions> | undefined | null): AssetView
  /** An asset's cost of ownership and book values. */
  cost(asset: string, options?: Strict<CostOptions> | undefined | null): CostView
  /**
   * An asset's events in timeline order; with `asOf` those that had
   * occurred by then, with `asRecorded` those recorded by then.
   */
  history(asset: string, atOptions?: Strict<AtOptions> | undefined | null): Array<RecordedEvent>
  /** An asset's events in version order. */
  readStream(asset: string, atOptions?: Strict<AtOptions> | undefined | null): Array<RecordedEvent>
  /** The change feed: up to `limit` events after global position `after`. */
  feed(after?: bigint | undefined | null, limit?: number | undefined | null): Array<RecordedEvent>
  /**
   * `feed` off the main thread; with `{ waitMs }` and no event after
   * `after` yet, it waits that long for one (appended by any process)
   * and resolves with what came: an empty page means none did. The
   * step of `follow()`.
   */
  feedAsync(after?: bigint | undefined | null, limit?: number | undefined | null, options?: Strict<WaitOptions> | undefined | null): Promise<Array<RecordedEvent>>
  /**
   * One page of the fleet: up to `limit` (default 1,000) views in the
   * order the assets were created, after the asset whose id is `after`;
   * `next` is the `after` of the following page, absent on the last.
   */
  fleetPage(options?: Strict<PageOptions> | undefined | null): FleetPage
  /** Assets matching the filters. */
  fleet(options?: Strict<FleetOptions> | undefined | null): Array<AssetView>
  /**
   * `fleet` off the main thread: one read, then the views are handed
   * over in slices between which the event loop runs (never more than a
   * few milliseconds at a time, even for 60,000 assets).
   */
  fleetAsync(options?: Strict<FleetOptions> | undefined | null): Promise<Array<AssetView>>
  /** A license or subscription as of a moment (default now). */
  license(license: string, atOptions?: Strict<AtOptions> | undefined | null): LicenseView
  /**
   * Installed against owned, per product. `rules`: `[product, name
   * pattern, publisher pattern or '']` rows matching installed programs to
   * products, tried before the built-in table and each license's product.
   */
  compliance(options?: Strict<ComplianceOptions> | undefined | null): Array<ProductCompliance>
  /** Keep a license's key: a secret outside the log (never in an event or an export). */
  setLicenseKey(license: string, key: string): void
  /** A license's key, or null. */
  licenseKey(license: string): string | null
  /** Erase a license's key (the hash chain is untouched); true if there was one. */
  forgetLicenseKey(license: string): boolean
  /** Every license that existed at a moment, in the order they were bought. */
  licenses(atOptions?: Strict<AtOptions> | undefined | null): Array<LicenseView>
  /**
   * License seats per department at a moment, with what they cost for
   * the current terms (a person's seats count for the department of the
   * devices assigned to them).
   */
  seatsByDepartment(atOptions?: Strict<AtOptions> | undefined | null): Array<DepartmentSeats>
  /**
   * Active licenses whose term ends between `start` and `end`, and the
   * renewal budget by currency.
   */
  renewals(start: When, end: When, atOptions?: Strict<AtOptions> | undefined | null): Renewals
  /**
   * Seats held by leavers, by retired or lost devices, or (with
   * `silentDays`) by devices not seen for that long.
   */
  reclaimable(options?: Strict<ReclaimOptions> | undefined | null): Array<ReclaimableSeat>
  /** Counts by status and status x country. */
  counts(options?: Strict<FleetOptions> | undefined | null): FleetCounts
  /** `counts` off the main thread. */
  countsAsync(options?: Strict<FleetOptions> | undefined | null): Promise<FleetCounts>
  /**
   * Counts of the matching assets grouped by one or two dimensions
   * (`"department"` or `["department", "country"]`: status, country,
   * location, department, cost_centre, category, vendor, model).
   */
  countsBy(by: string | Array<string>, options?: Strict<FleetOptions> | undefined | null): Array<CountGroup>
  /**
   * Spend by currency and kind grouped like `countsBy`; department, cost
   * centre, location and country are those in force when each cost arose.
   */
  spendBy(by: string | Array<string>, options?: Strict<FleetOptions> | undefined | null): Array<SpendGroup>
  /** Spend of the matching assets by currency. */
  spend(options?: Strict<FleetOptions> | undefined | null): Array<CurrencyCosts>
  /** Assets idle for `days` or more. */
  idle(days: number, atOptions?: Strict<AtOptions> | undefined | null): Array<IdleAsset>
  /** Requested returns past due, most overdue first. */
  overdueReturns(atOptions?: Strict<AtOptions> | undefined | null): Array<OverdueReturn>
  /** Assets in service not patched since an instant. */
  notPatchedSince(since: When, atOptions?: Strict<AtOptions> | undefined | null): Array<AssetView>
  /** Assets in service whose warranty ends before a date. */
  warrantyEndingBefore(day: When, atOptions?: Strict<AtOptions> | undefined | null): Array<AssetView>
  /**
   * Assets in service whose warranty ends between two dates (both
   * included), soonest first.
   */
  warrantyEndingWithin(from: When, to: When, atOptions?: Strict<AtOptions> | undefined | null): Array<AssetView>
  /**
   * Devices in use (assigned or return pending) of categories that check
   * in (`checksIn`, default laptop, desktop, workstation, phone, tablet,
   * server), not seen for `days` or more, most days first.
   */
  unseen(days: number, options?: Strict<SilenceOptions> | undefined | null): Array<SilentAsset>
  /**
   * Devices in use of categories that check in, not patched for `days` or
   * more (never patched: counted from their first event), most days first.
   */
  unpatched(days: number, options?: Strict<SilenceOptions> | undefined | null): Array<SilentAsset>
  /**
   * Devices in use of categories that check in whose installed version
   * of `component` ("os", "firmware", or a patched application) is below
   * `minimum`, compared as versions (2024.12 is after 2024.1), or was
   * never reported: unknown first, then the oldest.
   */
  outdated(component: string, minimum: string, options?: Strict<SilenceOptions> | undefined | null): Array<OutdatedAsset>
  /** Serial numbers found on more than one asset. */
  duplicateSerials(atOptions?: Strict<AtOptions> | undefined | null): Array<DuplicateSerial>
  /**
   * Lead times of the flows that ended between two days: `flow` is
   * order_to_receipt, order_to_assignment, receipt_to_assignment,
   * shipping, repair or return; `by` country, category, vendor, model,
   * carrier or repairer.
   */
  flowTimes(flow: string, from: When, to: When, options?: Strict<FlowOptions> | undefined | null): Array<FlowStats>
  /**
   * Assets in service with no country or serial, in use with no
   * department, with no purchase price; serials on several assets.
   */
  dataGaps(atOptions?: Strict<AtOptions> | undefined | null): DataGaps
  /** What came of the return requests made between two days. */
  recovery(from: When, to: When, atOptions?: Strict<AtOptions> | undefined | null): Recovery
  /**
   * From `from` on, assets of `category` (in `country`, or anywhere)
   * depreciate by `rule` in `book`; earlier rules stay for earlier dates.
   */
  setBookRule(rule: Strict<BookRule>): void
  /** Every dated rule of a book (or of every book). */
  bookRules(book?: string | undefined | null): Array<BookRule>
  /** An asset's value in a book (zero, with the gain or loss, once retired or lost). */
  bookValue(tag: string, book: string, atOptions?: Strict<AtOptions> | undefined | null): BookValue
  /** An asset's whole schedule in a book, by the rule in force at the moment. */
  bookSchedule(tag: string, book: string, atOptions?: Strict<AtOptions> | undefined | null): Schedule
  /** The fleet's book values by currency. */
  fleetBookValue(book: string, options?: Strict<FleetOptions> | undefined | null): FleetBookValue
  /** The fleet's book values grouped by one or two dimensions of the assets. */
  fleetBookValueBy(book: string, by: string | Array<string>, options?: Strict<FleetOptions> | undefined | null): Array<BookValueGroup>
  /**
   * Assets whose life ends between two dates, and the budget to replace
   * them at the latest price of the same model.
   */
  forecast(book: string, from: When, to: When, atOptions?: Strict<AtOptions> | undefined | null): Forecast
  /**
   * A person by id, e-mail or full name: their record, whether they left,
   * and what they hold. Throws `UNKNOWN_PERSON` when nothing is known.
   */
  personView(who: string, atOptions?: Strict<AtOptions> | undefined | null): PersonView
  /**
   * How many assets were in each status at the end of each day given
   * (YYYY-MM-DD; sorted, duplicates dropped): utilization over time.
   */
  statusOverTime(days: Array<string>): Array<StatusCount>
  /** Costs that arose from `from` to `to` (YYYY-MM-DD), month by month. */
  spendByMonth(from: string, to: string): Array<MonthSpend>
  /** Assets in service by whole years since they were ordered. */
  ageProfile(atOptions?: Strict<AtOptions> | undefined | null): Array<AgeBand>
  /** People who left by then, those still holding the most first. */
  leavers(atOptions?: Strict<AtOptions> | undefined | null): Array<PersonView>
  /**
   * Record that a person left on a date (omitted: they are back).
   * Offboarding does this itself; erasing the person keeps the date.
   */
  markLeft(personId: string, on?: When | undefined | null): void
  /** Everything a person holds. */
  holdings(personId: string, atOptions?: Strict<AtOptions> | undefined | null): Array<AssetView>
  /** Request back everything a person has assigned, in one atomic batch. */
  offboard(personId: string, options: Strict<OffboardOptions>): Offboarding
  /**
   * Import a Snipe-IT assets export (either layout, any encoding) with
   * its users and locations exports, in one atomic batch; importing it
   * again adds nothing. Returns the report: rows, assets, events,
   * people, written, the rows `skipped` and the fields with `issues`
   * (each with its line), and `warnings`. See docs/import.md.
   */
  importSnipeit(path: string, options?: Strict<SnipeitOptions> | undefined | null): ImportReport
  /**
   * Read osqueryd result logs into check-ins, OS versions and patches
   * (rows of the `patches` queries) of the assets whose serials the
   * hosts report. Unknown hosts are in `issues`, lines that are not
   * results in `skipped`. Reading a log again adds nothing.
   */
  ingestOsquery(paths: Array<string>, options?: Strict<OsqueryOptions> | undefined | null): ImportReport
  /**
   * Read a ticketing export (CSV from Jira, Zendesk, Freshservice or
   * GLPI) into ticket_opened and ticket_closed on the asset each ticket
   * names by tag or serial. `map` reads fields from other columns
   * (`{ id: 'Ref' }`). Unmatched tickets are in `issues`; reading it
   * again adds nothing.
   */
  ingestTickets(path: string, options?: Strict<TicketOptions> | undefined | null): ImportReport
  /**
   * Write the fleet report to `path`: one self-contained HTML page with
   * charts and the lists to act on, as of the end of `asOf` (default
   * today). `currency` with `rates` (a CSV file of date,from,to,rate)
   * converts money; `book` picks the depreciation book.
   */
  reportHtml(path: string, options?: Strict<ReportOptions> | undefined | null): void
  /**
   * Copy this whole log into `other`, which must be empty (a new file,
   * or an empty PostgreSQL schema): the same positions, ids and recorded
   * times, so the same chain head; then people, leavers, books and
   * license keys.
   */
  copyTo(other: AssetLog): CopyStats
  /**
   * Where the log is: its path, `:memory:`, or its server and schema
   * (never a password).
   */
  get location(): string
  /** Fold every view again from the log. */
  rebuild(): RebuildStats
  /** `rebuild` off the main thread: the event loop keeps serving. */
  rebuildAsync(): Promise<RebuildStats>
  /**
   * Import events from a JSON Lines file (as `exportJsonl` writes it) in
   * one atomic batch; unreadable lines are reported. Importing twice adds nothing.
   */
  importJsonl(path: string, dryRun?: boolean | undefined | null): JsonlImport
  /** `importJsonl` off the main thread. */
  importJsonlAsync(path: string, dryRun?: boolean | undefined | null): Promise<JsonlImport>
  /** Write every event to a JSON Lines file, streamed; returns how many. */
  exportJsonl(path: string): number
  /** `exportJsonl` off the main thread. */
  exportJsonlAsync(path: string): Promise<number>
  /**
   * Check the hash chain: the first event changed, removed or moved since
   * written. With `against` (a file written by `checkpoint`), also check
   * that the log still extends that checkpoint: a log cut short at its
   * end, or replaced by an older copy, is reported at its position.
   */
  verify(against?: string | undefined | null): Verification
  /**
   * Verify the log, then write its position and chain head to a file
   * (keep it elsewhere; `verify(path)` checks it later).
   */
  checkpoint(path: string): Checkpoint
  /** Events and assets stored. */
  stats(): LogStats
  /** Add or replace a person's personal data (kept outside the log). */
  upsertPerson(record: Strict<Person>): void
  /** A person's personal data, or null. */
  person(personId: string): Person | null
  /** Erase a person's personal data; the log keeps the opaque id. */
  forgetPerson(personId: string): boolean
}

/** r" The events of a `feedAsync` page. */
export declare class EventBatch {
  /** The next `n` items (none once all were taken). */
  take(n: number): Array<RecordedEvent>
}

/**
 * The views of one fleet read, handed to JavaScript a slice at a time:
 * building 60,000 view objects at once would hold the event loop for over
 * a second, a slice of 1,000 takes a few milliseconds. The read itself is
 * one snapshot, made off the main thread.
 */
export declare class ViewBatch {
  /** The next `n` views (none once all were taken). */
  take(n: number): Array<AssetView>
  /** How many views are left to take. */
  get remaining(): number
}

/** Assets in service of one age, in whole years since they were ordered. */
export interface AgeBand {
  years: number
  count: number
  byCategory: Record<string, number>
}

/** Where an appended event landed; `position` is a bigint (it can pass 2^53). */
export interface Appended {
  position: bigint
  assetId: string
  tag: string
  version: number
  eventId: string
}

/** One asset's state at a moment. Dates (no time) are `YYYY-MM-DD` strings. */
export interface AssetView {
  assetId: string
  tag: string
  status: Status
  version: number
  category: string
  vendor: string
  model: string
  serial?: string
  orderRef?: string
  orderedOn: string
  unitCost: Money
  warrantyEnd?: string
  holder?: string
  department?: string
  costCentre?: string
  location?: string
  country?: string
  destination?: string
  destinationCountry?: string
  carrier?: string
  repairer?: string
  /** Costs by currency, split by kind. */
  costs: Array<CurrencyCosts>
  lastSeen?: Date
  osVersion?: string
  firmwareVersion?: string
  lastPatch?: PatchInfo
  openTickets: Array<string>
  returnDue?: string
  returnReason?: string
  condition?: string
  wiped: boolean
  retiredReason?: string
  statusSince: Date
  firstEventAt: Date
  lastEventAt: Date
}

/**
 * Which moment to read: `asOf` (what had happened by then; a
 * `YYYY-MM-DD` string means the end of that day, UTC) and/or `asRecorded`
 * (what the log knew then). `byId`: the asset argument is an asset id.
 */
export interface AtOptions {
  asOf?: When
  asRecorded?: When
  byId?: boolean
}

/** A line of an import that could not be read, and why. */
export interface BadLine {
  line: number
  reason: string
}

/** A dated rule of a book. */
export interface BookRule {
  book: string
  category: string
  country?: string
  /** The first day it applies to (YYYY-MM-DD). */
  from: string
  rule: Strict<Rule>
}

/** An asset's value in a book on a date (zero once disposed of). */
export interface BookValue {
  tag: string
  book: string
  on: string
  rule: Strict<Rule>
  cost: Money
  accumulated: Money
  bookValue: Money
  endOfLife: string
  disposal?: Disposal
}

/** Book values of one group of assets, by currency. */
export interface BookValueGroup {
  key: Array<string | undefined | null>
  byCurrency: Array<CurrencyBookValue>
}

/**
 * A position of the log and the chain head there, as written to a
 * checkpoint file.
 */
export interface Checkpoint {
  format: string
  position: bigint
  head: string
  writtenAt: string
}

/** Extra program-name rules and the moment of a compliance report. */
export interface ComplianceOptions {
  /** `[product, name pattern, publisher pattern or '']` rows. */
  rules?: Array<Array<string>>
  asOf?: When
  asRecorded?: When
}

/** What a copy moved, and the chain head both logs share (absent: empty). */
export interface CopyStats {
  events: number
  people: number
  leavers: number
  bookRules: number
  licenseKeys: number
  head?: string
}

/** A moment and a depreciation policy. */
export interface CostOptions {
  asOf?: When
  asRecorded?: When
  byId?: boolean
  policy?: Strict<Policy>
}

/** An asset's cost of ownership and book values on `on` (`YYYY-MM-DD`). */
export interface CostView {
  assetId: string
  tag: string
  on: string
  costs: Array<CurrencyCosts>
  unitCost: Money
  bookValueStraightLine: Money
  bookValueDecliningBalance: Money
  policy: Policy
}

/**
 * Assets counted in one group: `key` holds one value per dimension asked
 * (null when unknown).
 */
export interface CountGroup {
  key: Array<string | undefined | null>
  count: number
}

/** A fleet's book values in one currency. */
export interface CurrencyBookValue {
  currency: string
  assets: bigint
  cost: Money
  accumulated: Money
  bookValue: Money
}

/** Costs in one currency, split by kind; `total` is all costs minus resale. */
export interface CurrencyCosts {
  currency: string
  purchase: Money
  shipping: Money
  repair: Money
  support: Money
  other: Money
  resale: Money
  total: Money
}

/**
 * Assets the fleet questions cannot place, attribute or value (tags), and
 * serials on several assets.
 */
export interface DataGaps {
  noCountry: Array<string>
  noDepartment: Array<string>
  noCost: Array<string>
  noSerial: Array<string>
  duplicateSerials: Array<DuplicateSerial>
}

/**
 * The license seats a department holds (department absent: people with no
 * department known) and what they cost for the current terms.
 */
export interface DepartmentSeats {
  department?: string
  seats: number
  products: Array<string>
  cost: Array<Money>
}

/** A depreciation schedule by fiscal year for a cost placed in service on a day. */
export declare function depreciationSchedule(cost: string, placed: When, rule: Strict<Rule>): Schedule

/** How an asset left the books. */
export interface Disposal {
  on: string
  status: string
  proceeds: Money
  carryingAmount: Money
  gainOrLoss: Money
}

/** A serial number found on several assets. */
export interface DuplicateSerial {
  serial: string
  tags: Array<string>
}

/**
 * Seats of one edition of a product (edition absent: licenses without one;
 * seats absent: unlimited).
 */
export interface EditionSeats {
  edition?: string
  seats?: number
  seatsAssigned: number
}

/** An asset reaching the end of its life, and what replacing it costs. */
export interface EndOfLife {
  tag: string
  category: string
  model: string
  endOfLife: string
  replacement: Money
}

/** Every stable error code. */
export declare function errorCodes(): Array<ErrorCode>

/** Every error code with its kind, from the core's one table. */
export declare function errorTable(): Array<ErrorTableRow>

/** One error code and its kind. */
export interface ErrorTableRow {
  code: ErrorCode
  /**
   * `bad_input`, `conflict`, `not_found`, `environment`, `corrupt` or `internal`
   * (also on every thrown error as `err.kind`).
   */
  kind: ErrorKind
}

/**
 * Every event type with its payload fields (name, kind, whether
 * required, the values of an enumeration): the core's schema, from which
 * the `EventInput` union in index.d.ts is generated (scripts/dts.mjs).
 */
export declare function eventSchema(): Array<{ type: EventType; fields: Array<{ name: string; kind: string; required: boolean; values: string[] }> }>

/** A fleet's book values by currency; categories without a rule are not counted. */
export interface FleetBookValue {
  book: string
  on: string
  byCurrency: Array<CurrencyBookValue>
  categoriesWithoutRule: Array<string>
}

/** Counts by status and by status x country ("" for unknown). */
export interface FleetCounts {
  total: number
  byStatus: Record<string, number>
  byStatusCountry: Record<string, Record<string, number>>
}

/** Filters (all optional, all must match) and a moment. */
export interface FleetOptions {
  asOf?: When
  asRecorded?: When
  status?: string
  country?: string
  location?: string
  holder?: string
  category?: string
  department?: string
}

/** One page of the fleet and the cursor of the next (absent on the last). */
export interface FleetPage {
  views: Array<AssetView>
  next?: string
}

/** A grouping and a moment for lead times. */
export interface FlowOptions {
  by?: string
  asOf?: When
  asRecorded?: When
}

/** Lead times of one group: count, median, 90th percentile and longest, in days. */
export interface FlowStats {
  key: Array<string | undefined | null>
  count: number
  medianDays: number
  p90Days: number
  maxDays: number
}

/** Ends of life in a window and the replacement budget by currency. */
export interface Forecast {
  book: string
  from: string
  to: string
  assets: Array<EndOfLife>
  budget: Array<Money>
}

/** An exchange rate: 1 `from` = `rate` `to`, from `date` (`YYYY-MM-DD`) on. */
export interface FxRate {
  date: string
  from: string
  to: string
  rate: string
}

/** An asset idle for at least the asked days. */
export interface IdleAsset {
  assetId: string
  tag: string
  status: Status
  reason: string
  since: Date
  days: number
}

/** What an import from another tool read and wrote. */
export interface ImportReport {
  source: string
  rows: number
  assets: number
  events: number
  people: number
  written: number
  dryRun: boolean
  /** Rows not imported, with why. */
  skipped: Array<BadLine>
  /** Rows imported with a field unread, defaulted or left aside. */
  issues: Array<BadLine>
  /** About whole files (the encoding chosen). */
  warnings: Array<string>
}

/**
 * What an import read (`events`) and wrote (`written`: retries add
 * nothing); `restored`: a whole export went into an empty log exactly as
 * it was recorded (same positions, recorded times and chain head).
 */
export interface JsonlImport {
  events: number
  written: number
  badLines: Array<BadLine>
  restored: boolean
}

/**
 * A license or subscription as of a moment. `seats` and `seatsFree` are
 * absent for an unlimited license, `termEnd` for a perpetual one.
 */
export interface LicenseView {
  licenseId: string
  tag: string
  status: 'active' | 'expired' | 'cancelled'
  version: number
  product: string
  publisher?: string
  edition?: string
  kind: 'per_user' | 'per_device' | 'site' | 'concurrent'
  seats?: number
  seatsUsed: number
  seatsFree?: number
  seatsOver: number
  termStart: string
  termEnd?: string
  termCost: Money
  costSoFar: Money
  notReassignable: boolean
  allowOveruse: boolean
  holders: Array<Seat>
  lastEventAt: Date
}

/** Events and assets stored. */
export interface LogStats {
  events: number
  assets: number
}

/** The first position where the stored log differs from what was written. */
export interface Mismatch {
  position: bigint
  reason: string
}

/** Money: an exact decimal string and an ISO 4217 currency (never a float). */
export interface Money {
  amount: string
  currency: string
}

/** Costs that arose in one month ("YYYY-MM"), by currency and kind. */
export interface MonthSpend {
  month: string
  costs: Array<CurrencyCosts>
  /** Licenses and subscriptions by currency, accrued over their terms. */
  licenses: Array<Money>
}

/** What an offboarding did. */
export interface Offboarding {
  person: string
  correlationId: string
  requested: Array<Appended>
  skipped: Array<SkippedAsset>
  /** The license seats released in the same batch. */
  released: Array<Appended>
}

/** An offboarding: the due date, when the person left (default now), who records it. */
export interface OffboardOptions {
  due: When
  occurredAt?: When
  actor?: string
}

/** How to open a log. */
export interface OpenOptions {
  /** "process" (default: survives process crashes) or "power_loss" (also OS crashes). */
  durability?: string
}

/** How to read osquery results. */
export interface OsqueryOptions {
  /** Queries whose rows are patches or installed programs. */
  patches?: Array<string>
  /** Report only; write nothing. */
  dryRun?: boolean
}

/**
 * A device in use whose installed version of `component` is below the
 * version asked for; `installed` is null when it never reported one.
 */
export interface OutdatedAsset {
  assetId: string
  tag: string
  category: string
  model: string
  status: Status
  holder?: string
  department?: string
  country?: string
  unitCost: Money
  component: string
  installed?: string
  lastPatched?: Date
}

/** A requested return past its due date. */
export interface OverdueReturn {
  assetId: string
  tag: string
  holder?: string
  due: string
  daysOverdue: number
  reason?: string
}

/**
 * A page of the fleet: the filters and moment of `fleet`, `limit` (1 to
 * 100,000, default 1,000) and the cursor `after` (the `next` of the page before).
 */
export interface PageOptions {
  asOf?: When
  asRecorded?: When
  status?: string
  country?: string
  location?: string
  holder?: string
  category?: string
  department?: string
  limit?: number
  after?: string
}

/** The latest patch of an asset. */
export interface PatchInfo {
  at: Date
  component: string
  version: string
}

/** One fiscal year of a schedule. */
export interface Period {
  year: number
  start: string
  end: string
  depreciation: Money
  endValue: Money
}

/** Personal data, kept outside the log. */
export interface Person {
  id: string
  name?: string
  email?: string
  address?: string
}

/** A license seat a person holds. */
export interface PersonSeat {
  license: string
  product: string
  since: Date
}

/**
 * A person as IT sees them: record (when present and not erased),
 * `status` `"active"` or `"left"`, and what they hold.
 */
export interface PersonView {
  id: string
  name?: string
  email?: string
  status: string
  leftOn?: string
  departments: Array<string>
  countries: Array<string>
  holding: Array<AssetView>
  valueHeld: Array<CurrencyCosts>
  /** The license seats they hold. */
  seats: Array<PersonSeat>
  /** What their seats cost for the current terms, by currency. */
  seatsCost: Array<Money>
}

/** Depreciation policy. */
export interface Policy {
  /** Useful life in months (default 36). */
  lifeMonths?: number
  /** Salvage value in basis points of the cost (default 0). */
  salvageBp?: number
  /** Declining-balance factor in percent (default 200). */
  decliningFactorPercent?: number
}

/**
 * One product: seats owned (absent: unlimited) and assigned, devices with
 * it installed, the unlicensed copies, seats paid for with nothing installed.
 */
export interface ProductCompliance {
  product: string
  licenses: Array<string>
  seats?: number
  seatsAssigned: number
  editions: Array<EditionSeats>
  installations: number
  licensed: number
  unlicensed: Array<UnlicensedCopy>
  overDeployed: boolean
  shelfware: number
}

/** What a rebuild did. */
export interface RebuildStats {
  assets: number
  events: number
}

/** A seat to take back. */
export interface ReclaimableSeat {
  license: string
  product: string
  holder: SeatHolder
  since: Date
  reason: 'left' | 'retired' | 'lost' | 'silent'
}

/** Which seats to list as reclaimable, and the moment. */
export interface ReclaimOptions {
  /** Also devices not seen for this many days. */
  silentDays?: number
  asOf?: When
  asRecorded?: When
}

/** An event as stored; `data` is its payload with camelCase keys. */
export interface RecordedEvent {
  position: bigint
  asset: string
  assetId: string
  version: number
  eventId: string
  type: EventType
  schemaVersion: number
  occurredAt: Date
  recordedAt: Date
  actor: string
  correlationId?: string
  /** The payload as stored: camelCase keys, money as `"1299.00 EUR"` text. */
  data: Record<string, unknown>
}

/** What came of the return requests made in a window. */
export interface Recovery {
  requested: number
  returnedOnTime: number
  returnedLate: number
  stillOpen: number
  lost: number
  other: number
  condition: Record<string, number>
  redeployed: number
  outstanding: Array<Money>
  outstandingBookValue: Array<Money>
}

/** Active licenses whose term ends in a window, and the budget by currency. */
export interface Renewals {
  licenses: Array<LicenseView>
  budget: Array<Money>
}

/** What the fleet report shows. */
export interface ReportOptions {
  /** The day (YYYY-MM-DD) the report describes; default today. */
  asOf?: string
  /** Convert money into this currency (needs `rates`). */
  currency?: string
  /** A CSV file of date,from,to,rate. */
  rates?: string
  /** The depreciation book (default the log's first). */
  book?: string
}

/**
 * A depreciation rule. `method`: straight-line, declining-balance,
 * sum-of-years-digits, macrs or custom; `factor` and
 * `switchToStraightLine` for declining balance, `class` for MACRS,
 * `yearlyPercent` for custom; `salvage` as "500.00 USD" or "10%";
 * `convention`: full-month (default), mid-month, half-year, mid-quarter,
 * daily; `fiscalYearStart`: the month the fiscal year starts in.
 */
export interface Rule {
  method: string
  lifeMonths: number
  factor?: number
  switchToStraightLine?: boolean
  class?: number
  yearlyPercent?: Array<string>
  salvage?: string
  convention?: string
  fiscalYearStart?: number
}

/** A depreciation schedule; the periods sum to cost minus salvage. */
export interface Schedule {
  cost: Money
  salvage: Money
  placed: string
  periods: Array<Period>
}

/** A license seat in use. */
export interface Seat {
  holder: SeatHolder
  since: Date
}

/** Who holds a license seat: a person or a device. */
export interface SeatHolder {
  person?: string
  /** A device's asset tag. */
  device?: string
}

/** Which categories check in, filters and a moment. */
export interface SilenceOptions {
  checksIn?: Array<string>
  asOf?: When
  asRecorded?: When
  status?: string
  country?: string
  location?: string
  holder?: string
  category?: string
  department?: string
}

/**
 * A device in use that has not checked in (or not been patched) for
 * `days`; `last` is null when it never has.
 */
export interface SilentAsset {
  assetId: string
  tag: string
  category: string
  model: string
  status: Status
  holder?: string
  department?: string
  country?: string
  unitCost: Money
  last?: Date
  days: number
}

/** An asset an offboarding could not request now, with its status. */
export interface SkippedAsset {
  tag: string
  status: Status
}

/** How to read a Snipe-IT export. */
export interface SnipeitOptions {
  /** The users export (names and e-mails). */
  users?: string
  /** The locations export (countries and currencies). */
  locations?: string
  /** Currency of costs whose location has none (default USD). */
  currency?: string
  /** Read the files in this encoding instead of detecting it. */
  encoding?: string
  /** A CSV of label,action mapping status labels. */
  statusMap?: string
  /** Report only; write nothing. */
  dryRun?: boolean
  /** Refuse everything if any row or field is not read as given. */
  strict?: boolean
}

/** Spend of one group by currency and kind. */
export interface SpendGroup {
  key: Array<string | undefined | null>
  costs: Array<CurrencyCosts>
}

/** How many assets were in each status at the end of a day. */
export interface StatusCount {
  /** The day, YYYY-MM-DD. */
  on: string
  /** Assets by status name. */
  byStatus: Record<string, number>
  inService: number
  total: number
}

/** Every asset status, in lifecycle order. */
export declare function statuses(): Array<Status>

/** How to read a ticketing export. */
export interface TicketOptions {
  /** Fields read from other columns: { id: 'Ref', created: 'Opened on' }. */
  map?: Record<string, string>
  /** Read the file in this encoding instead of detecting it. */
  encoding?: string
  /** Report only; write nothing. */
  dryRun?: boolean
}

/** Sum amounts into one currency with caller-supplied rates in force on `on`. */
export declare function totalIn(amounts: Array<Money>, currency: string, rates: Array<FxRate>, on: string): Money

/**
 * One row of the lifecycle table: `to` is a status, "same" or "resume";
 * `from` is absent (undefined) for an asset that does not exist yet.
 */
export interface Transition {
  from?: Status
  event: EventType
  to: string
}

/** The lifecycle table. */
export declare function transitions(): Array<Transition>

/** A product installed on a device that no seat covers. */
export interface UnlicensedCopy {
  device: string
  holder?: string
  program: string
}

/**
 * The hash chain checked: `firstMismatch` is absent (undefined) when the log is intact;
 * keep `head` elsewhere to notice a log cut short later.
 */
export interface Verification {
  events: number
  head?: string
  firstMismatch?: Mismatch
}

/** How long a feed read may wait for a new event, in milliseconds. */
export interface WaitOptions {
  waitMs?: number
}
