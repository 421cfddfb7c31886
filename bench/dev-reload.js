// node bench/dev-reload.js [saves]: the live preview's latency on the bundled card. Starts `kenniskaart dev` on a
// copy of content/, listens to its events as an open page does, and saves a theme file again and again (a new
// sentence each time): the time from the write to the `reload` event naming the theme's page, and, less often,
// to the `printed` event of the card's PDF (the print preview asked for once, so the card is printed again after
// each change). Also used by bench/run.js. Prints JSON: {reloadMs: [...], printMs: [...]}.
import {spawn} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {setTimeout as pause} from 'node:timers/promises'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const card = 'professionele-leercultuur'
const themeFile = '02-competentieontwikkeling.md'
const themePage = `${card}/competentieontwikkeling/index.html`

/** Measure `saves` HTML reloads and `prints` PDF re-prints; resolves to the times in ms. */
export async function measureDevReload({saves = 30, prints = 5} = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-bench-dev-'))
  cpSync(path.join(root, 'content'), path.join(work, 'content'), {recursive: true})
  const file = path.join(work, 'content', card, themeFile)
  const original = readFileSync(file, 'utf8')
  const child = spawn(process.execPath, [path.join(root, 'bin/kenniskaart.js'), 'dev', '--port', '0'], {cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, NO_COLOR: '1'}})
  try {
    const url = await new Promise((resolve, reject) => {
      let stderr = ''
      child.stderr.setEncoding('utf8').on('data', (chunk) => {
        stderr += chunk
        const found = /Local: +(http:\/\/\S+)/.exec(stderr)?.[1]
        if (found) resolve(found)
      })
      child.on('exit', (code) => reject(new Error(`kenniskaart dev ended with ${code}: ${stderr}`)))
    })
    const events = await listen(url)
    const reloadMs = []
    for (let save = 1; save <= saves; save++) {
      // Apart from the last change's re-check (the watcher looks again 80 ms later), as an editor's saves are
      await pause(150)
      const waiting = events.next((event) => event.type === 'reload' && event.paths.includes(themePage))
      const started = performance.now()
      writeFileSync(file, `${original}\nEen nieuwe zin, nummer ${save}.\n`)
      await waiting
      reloadMs.push(performance.now() - started)
    }
    // The print preview: the card's PDF asked for once, then printed again (debounced) after each save
    await get(`${url}${card}/${card}.pdf`)
    const printMs = []
    for (let save = 1; save <= prints; save++) {
      const waiting = events.next((event) => event.type === 'printed' && event.card === card)
      const started = performance.now()
      writeFileSync(file, `${original}\nEen zin voor de print, nummer ${save}.\n`)
      await waiting
      printMs.push(performance.now() - started)
    }
    events.close()
    return {reloadMs, printMs}
  } finally {
    child.kill('SIGINT')
    await new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve()))
    rmSync(work, {recursive: true, force: true})
  }
}

function get(url) {
  return new Promise((resolve, reject) => http.get(url, (response) => response.resume().on('end', resolve)).on('error', reject))
}

/** The server's events, as an open page receives them. */
function listen(url) {
  return new Promise((resolve, reject) => {
    const waiting = new Set()
    const request = http.get(`${url}__kenniskaart/events`, (response) => {
      let buffer = ''
      response.setEncoding('utf8').on('data', (chunk) => {
        buffer += chunk
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '))
          buffer = buffer.slice(end + 2)
          if (!data) continue
          const event = JSON.parse(data.slice(6))
          for (const waiter of waiting) {
            if (!waiter.matches(event)) continue
            waiting.delete(waiter)
            waiter.resolve(event)
          }
        }
      })
      resolve({
        next: (matches) => new Promise((done) => waiting.add({matches, resolve: done})),
        close: () => request.destroy()
      })
    })
    request.on('error', reject)
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureDevReload({saves: Number(process.argv[2] ?? 30)})
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  console.log(JSON.stringify(result))
  console.error(`save → reload event: median ${median(result.reloadMs).toFixed(0)} ms (min ${Math.min(...result.reloadMs).toFixed(0)}, max ${Math.max(...result.reloadMs).toFixed(0)}, ${result.reloadMs.length} saves)`)
  console.error(`save → PDF printed again: median ${median(result.printMs).toFixed(0)} ms (${result.printMs.length} saves)`)
}
