// The README's Node quickstart is examples/quickstart.mjs, and it runs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './helpers.mjs'

const example = join(ROOT, 'bindings', 'node', 'examples', 'quickstart.mjs')

test('the quickstart runs', () => {
  const out = execFileSync(process.execPath, [example], { encoding: 'utf8' })
  assert.match(out, /LAP-0042 assigned emp-1042/)
  assert.match(out, /INVALID_TRANSITION assigned/)
})

test('the README shows the quickstart', () => {
  const body = readFileSync(example, 'utf8').split('\n').slice(1).join('\n').trim()
  assert.ok(readFileSync(join(ROOT, 'README.md'), 'utf8').includes(body), 'README differs from examples/quickstart.mjs')
})
