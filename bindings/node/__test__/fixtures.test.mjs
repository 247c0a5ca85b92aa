// Every scenario in tests/fixtures/*.json gives the same views as in Rust.
import { test } from 'node:test'
import { randomUUID } from 'node:crypto'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { FIXTURES, canonical, eventInput, subsetDiff } from './helpers.mjs'

const { AssetLog, totalIn, depreciationSchedule } = createRequire(import.meta.url)('..')

const at = (s) => (s == null ? {} : { asOf: s })

function runStep (log, step) {
  if (step.append) return log.append(step.append.map(eventInput))
  if (step.offboard) {
    const o = step.offboard
    return log.offboard(o.person, { due: o.due, occurredAt: o.occurred_at })
  }
  if (step.person) return log.upsertPerson(step.person)
  if (step.forget) return log.forgetPerson(step.forget)
  if (step.rebuild) return log.rebuild()
  if (step.book_rule) {
    const r = step.book_rule
    return log.setBookRule({ book: r.book, category: r.category, country: r.country, from: r.from, rule: ruleInput(r.rule) })
  }
  throw new Error(`unknown step ${JSON.stringify(step)}`)
}

// A rule in the core's JSON form as the Node API's Rule (camelCase; salvage as text).
function ruleInput (rule) {
  const out = {}
  for (const [k, v] of Object.entries(rule)) {
    const key = k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
    out[key] = k === 'salvage' ? (v.amount ?? `${v.percent}%`) : v
  }
  return out
}

const rates = (f) => f.fx ?? []
const filt = (c) => ({ ...at(c.at), ...(c.filter ?? {}) })

function evaluate (log, fixture, x) {
  const result = x.result
  if (x.asset) {
    let actual
    try { actual = { view: canonical(log.asset(x.asset, at(x.at))) } } catch (e) { actual = { error: e.code } }
    return [actual, x.error ? { error: x.error } : { view: x.view }]
  }
  if (x.cost) {
    const policy = x.policy ? { lifeMonths: x.policy.life_months, salvageBp: x.policy.salvage_bp, decliningFactorPercent: x.policy.declining_factor_percent } : undefined
    const view = log.cost(x.cost, { ...at(x.at), policy })
    const actual = { view: canonical(view) }
    const expected = { view: x.view }
    if (x.total_in) {
      try { actual.total = canonical(totalIn(view.costs.map((c) => c.total), x.total_in, rates(fixture), view.on)) } catch (e) { actual.total = e.code }
      expected.total = x.total
    }
    return [actual, expected]
  }
  if (x.book_value) {
    let actual
    try { actual = { view: canonical(log.bookValue(x.book_value, x.book, at(x.at))) } } catch (e) { actual = { error: e.code } }
    return [actual, x.error ? { error: x.error } : { view: x.view }]
  }
  if (x.schedule) {
    const c = x.schedule
    const s = depreciationSchedule(c.cost, c.placed, ruleInput(c.rule))
    return [s.periods.map((p) => canonical(p.depreciation)), result]
  }
  if (x.counts) return [canonical(log.counts(filt(x.counts))), result]
  if (x.fleet) return [log.fleet(filt(x.fleet)).map((v) => v.tag), result]
  if (x.spend) {
    const spend = log.spend(filt(x.spend))
    if (x.spend.total_in) {
      try { return [canonical(totalIn(spend.map((s) => s.total), x.spend.total_in, rates(fixture), x.spend.at)), result] } catch (e) { return [e.code, result] }
    }
    return [canonical(spend), result]
  }
  if (x.idle) return [canonical(log.idle(x.idle.days, at(x.idle.at))), result]
  if (x.overdue) return [canonical(log.overdueReturns(at(x.overdue.at))), result]
  if (x.not_patched_since) return [log.notPatchedSince(x.not_patched_since.since, at(x.not_patched_since.at)).map((v) => v.tag), result]
  if (x.warranty_ending_before) return [log.warrantyEndingBefore(x.warranty_ending_before.date, at(x.warranty_ending_before.at)).map((v) => v.tag), result]
  if (x.duplicate_serials) return [canonical(log.duplicateSerials(at(x.duplicate_serials.at))), result]
  if (x.holdings) return [log.holdings(x.holdings.person, at(x.holdings.at)).map((v) => v.tag), result]
  if (x.history) return [log.history(x.history).map((e) => e.type), x.types]
  if (x.person) return [canonical(log.person(x.person)), result]
  if (x.counts_by) return [canonical(log.countsBy(x.counts_by.by, at(x.counts_by.at))), result]
  if (x.spend_by) return [canonical(log.spendBy(x.spend_by.by, at(x.spend_by.at))), result]
  if (x.unseen) return [log.unseen(x.unseen.days, at(x.unseen.at)).map((s) => s.tag), result]
  if (x.outdated) return [log.outdated(x.outdated.component, x.outdated.minimum, at(x.outdated.at)).map((s) => s.tag), result]
  if (x.flow_times) {
    const c = x.flow_times
    return [canonical(log.flowTimes(c.flow, c.from, c.to, { by: c.by, ...at(c.at) })), result]
  }
  if (x.recovery) return [canonical(log.recovery(x.recovery.from, x.recovery.to, at(x.recovery.at))), result]
  if (x.data_gaps) return [canonical(log.dataGaps(at(x.data_gaps.at))), result]
  if (x.person_view) return [canonical(log.personView(x.person_view)), result]
  if (x.license) {
    let actual
    try { actual = { view: canonical(log.license(x.license, at(x.at))) } } catch (e) { actual = { error: e.code } }
    return [actual, x.error ? { error: x.error } : { view: x.view }]
  }
  if (x.reclaimable) return [canonical(log.reclaimable({ silentDays: x.reclaimable.silent_days, ...at(x.reclaimable.at) })), result]
  if (x.compliance) return [canonical(log.compliance(at(x.compliance.at))), result]
  if (x.stats) return [canonical(log.stats()), x.stats]
  throw new Error(`unknown expectation ${JSON.stringify(x)}`)
}

test('there are fixtures', () => assert.ok(FIXTURES.length >= 5))

// A new, empty log on the test PostgreSQL server (its own schema), when the
// test command started one (tests/postgres.sh sets ASSETLOG_TEST_PG).
const pgUrl = () => {
  const base = process.env.ASSETLOG_TEST_PG
  return `${base}${base.includes('?') ? '&' : '?'}schema=js_${randomUUID().replaceAll('-', '')}`
}
const BACKENDS = ['sqlite', ...(process.env.ASSETLOG_TEST_PG ? ['postgresql'] : [])]

for (const backend of BACKENDS) for (const { name, data: fixture } of FIXTURES) {
  test(`fixture ${name} (${backend})`, () => {
    const log = backend === 'postgresql' ? new AssetLog(pgUrl()) : new AssetLog()
    const failures = []
    fixture.steps.forEach((step, i) => {
      const before = log.stats()
      try {
        runStep(log, step)
        if (step.error) failures.push(`step ${i}: expected ${step.error}, it succeeded`)
      } catch (e) {
        if (e.code !== step.error) failures.push(`step ${i}: expected ${step.error}, got ${e.code}: ${e.message}`)
        assert.deepEqual(log.stats(), before, `step ${i}: a refused step wrote events`)
      }
    })
    fixture.expect.forEach((x, i) => {
      const [actual, expected] = evaluate(log, fixture, x)
      const d = subsetDiff(expected, actual)
      if (d) failures.push(`expect ${i}: ${d}`)
    })
    const inline = canonical(log.fleet())
    log.rebuild()
    assert.deepEqual(canonical(log.fleet()), inline, 'inline views equal a rebuild')
    assert.deepEqual(failures, [])
  })
}
