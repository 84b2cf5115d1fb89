// Summarises http-cache-tests result files as cache-tests.fyi and the issue count them.
// usage: node cache-tests-summary.mjs SUITE_DIR NAME=results.json [NAME=results.json ...]   (LIST_FAILS=1 lists)
// pass: a required or optimal test whose result is true and whose dependencies passed.
// fail: a required test whose result is not true (its dependencies having passed; setup trouble counted apart).
import fs from 'fs'
import path from 'path'
import { pathToFileURL } from 'url'

const [suiteDir, ...runs] = process.argv.slice(2)
const suites = (await import(pathToFileURL(path.join(suiteDir, 'tests/index.mjs')).href)).default
const tests = new Map()
for (const s of suites) for (const t of s.tests) tests.set(t.id, t)
const isRequired = t => t.kind === undefined || t.kind === 'required'
const required = [...tests.values()].filter(isRequired)

function verdict (results, id) {
  const r = results[id]
  if (r === undefined) return 'untested'
  for (const dep of tests.get(id).depends_on || []) {
    if (verdict(results, dep) !== 'pass') return 'dependency'
  }
  if (Array.isArray(r) && r[0] === 'Setup') return 'setup'
  return r === true ? 'pass' : 'fail'
}

console.log(`${tests.size} tests, ${required.length} required`)
console.log('name                 pass  fail  required-pass  dependency  setup')
for (const run of runs) {
  const [name, file] = run.split('=')
  const results = JSON.parse(fs.readFileSync(file, 'utf8'))
  let pass = 0; let fail = 0; let reqPass = 0; let dependency = 0; let setup = 0
  const fails = []
  for (const t of tests.values()) {
    if (t.kind === 'check') continue
    const v = verdict(results, t.id)
    if (v === 'pass') { pass++; if (isRequired(t)) reqPass++ }
    if (v === 'fail' && isRequired(t)) { fail++; fails.push(t.id) }
    if (v === 'dependency' && isRequired(t)) dependency++
    if (v === 'setup' && isRequired(t)) setup++
  }
  const col = (v, w) => String(v).padStart(w)
  console.log(`${name.padEnd(19)}${col(pass, 5)}${col(fail, 6)}${col(reqPass, 15)}${col(dependency, 12)}${col(setup, 7)}`)
  if (process.env.LIST_FAILS) fails.forEach(id => console.log(`  fail ${id}: ${JSON.stringify(results[id])}`))
}
