/**
 * Loaded into the real CLI with `node --import` (see test/startup.test.ts):
 * registers a module hook that appends the address of every ES module the
 * program loads, one a line, to the file named by
 * KENNISKAART_TEST_LOADED_MODULES. The hook runs on Node's loader thread,
 * so it writes each address as the module is loaded, before it runs.
 */
import {register} from 'node:module'

const hook = `
import {appendFileSync} from 'node:fs'
let target
export function initialize(data) { target = data.target }
export async function load(url, context, nextLoad) {
  appendFileSync(target, url + '\\n')
  return nextLoad(url, context)
}`

const target = process.env.KENNISKAART_TEST_LOADED_MODULES
if (target) register(`data:text/javascript,${encodeURIComponent(hook)}`, {data: {target}})
