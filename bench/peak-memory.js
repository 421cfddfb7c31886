// A preload for the benchmark's child processes: `node --import ./bench/peak-memory.js <script> …`.
// At exit it writes one JSON line to the file named by BENCH_REPORT_FILE (or to stderr without it):
// the peak resident memory of the whole process (all its threads, so worker threads count too, but not
// the browser, which is a process of its own) and the programs it started (so a build that prints
// nothing can be told from one that started a browser). It needs no /usr/bin/time.
import childProcess from 'node:child_process'
import {appendFileSync} from 'node:fs'
import {syncBuiltinESMExports} from 'node:module'

const started = []
for (const name of ['spawn', 'execFile', 'fork']) {
  const original = childProcess[name]
  childProcess[name] = function (command, ...rest) {
    started.push(String(command))
    return original.call(this, command, ...rest)
  }
}
// `import {spawn} from 'node:child_process'` in other modules sees the wrapped functions too.
syncBuiltinESMExports()

process.on('exit', () => {
  // maxRSS is in kilobytes.
  const line = `${JSON.stringify({peakRssBytes: process.resourceUsage().maxRSS * 1024, started})}\n`
  if (process.env.BENCH_REPORT_FILE) appendFileSync(process.env.BENCH_REPORT_FILE, line)
  else process.stderr.write(`bench: ${line}`)
})
