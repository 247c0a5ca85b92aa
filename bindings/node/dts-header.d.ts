/** A moment: a `Date` or an ISO 8601 string (`'2024-03-01'` is a date; as an as-of moment it means the end of that day, UTC). An invalid `Date` is refused. */
export type When = Date | string
/** An options object whose keys are checked: an unknown key is refused with `INVALID_VALUE`. */
export type Strict<T> = T

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

/** JSON text of anything assetlog returns: positions (BigInt) as decimal strings, Dates as ISO strings. */
export declare function stringify(value: unknown, space?: number | string): string

