import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {generateCorpus} from '../../bench/corpus.js'
import {binPath, copyCard, runCli, workFolder} from '../helpers/cli.js'
import {fixtureCardsDir} from '../helpers/content.js'
import {type DevProcess, type EventListener, get, listenToEvents, startDev} from '../helpers/dev-server.js'

// `kenniskaart dev` as an editor runs it: a real process, real files, real HTTP.
describe('kenniskaart dev', () => {
  let dir: string
  let dev: DevProcess
  let events: EventListener
  const theme = () => path.join(dir, 'content', 'samen', '02-voorbereiden.md')

  beforeAll(async () => {
    ;({dir} = await workFolder())
    await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    dev = await startDev(['--port', '0'], {cwd: dir})
    events = await listenToEvents(dev.url)
  })
  afterAll(async () => {
    events?.close()
    await dev?.stop()
  })

  it('serves the pages from memory over HTTP, each with the dev client and a policy that lets it run', async () => {
    const page = await get(dev.url, '/samen/voorbereiden/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.text).toContain('<script type="module" src="/__kenniskaart/dev-client.js"></script></head>')
    expect(page.text).toContain("script-src &#x27;self&#x27;; connect-src &#x27;self&#x27;")
    const client = await get(dev.url, '/__kenniskaart/dev-client.js')
    expect(client.status).toBe(200)
    expect(client.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(client.text).toContain("new EventSource('/__kenniskaart/events')")
    // Nothing was written: the site is served from memory
    expect(existsSync(path.join(dir, 'dist'))).toBe(false)
  })

  it('greets a new page with the state of the content', async () => {
    expect(events.events[0]).toEqual({type: 'status', ok: true, findings: []})
  })

  it('rebuilds an edited file, tells the pages which changed, and serves the new content', async () => {
    const since = events.events.length
    const text = await readFile(theme(), 'utf8')
    await writeFile(theme(), text.replace('Ze spreken af wie de instructie geeft', 'Ze spreken samen af wie de instructie geeft'))
    const reload = await events.next((event) => event.type === 'reload', {since})
    expect(reload.paths).toEqual(['samen/voorbereiden/index.html'])
    const page = await get(dev.url, '/samen/voorbereiden/')
    expect(page.text).toContain('Ze spreken samen af wie de instructie geeft')
    expect(dev.stderr()).toMatch(/Rebuilt in \d+ ms \(content\/samen\/02-voorbereiden\.md\): 1 file changed/)
  })

  it('shows a broken edit as findings with a code frame and keeps serving the last good pages; the fix clears them', async () => {
    const good = await readFile(theme(), 'utf8')
    let since = events.events.length
    await writeFile(theme(), good.replace(/^title: .*$/m, 'title: "Voorbereiden'))
    const broken = await events.next((event) => event.type === 'status', {since, context: dev.stderr})
    expect(broken.ok).toBe(false)
    expect(broken.findings).toEqual([
      expect.objectContaining({
        file: 'content/samen/02-voorbereiden.md',
        line: 2,
        column: 8,
        severity: 'error',
        rule: 'yaml-syntax',
        frame: ['  2 | title: "Voorbereiden', '    |        ^']
      })
    ])
    // The terminal says so too, with the place
    await expect.poll(() => dev.stderr()).toContain('content/samen/02-voorbereiden.md:2:8  error')
    // The server is still up, with the last good page
    const page = await get(dev.url, '/samen/voorbereiden/')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Ze spreken samen af wie de instructie geeft')
    // A page opened now is greeted with the findings
    const late = await listenToEvents(dev.url)
    expect((await late.next((event) => event.type === 'status', {since: 0, context: () => 'late'})).ok).toBe(false)
    late.close()

    since = events.events.length
    await writeFile(theme(), good)
    const fixed = await events.next((event) => event.type === 'status', {since, context: dev.stderr})
    expect(fixed).toEqual({type: 'status', ok: true, findings: []})
  })

  it('refuses a request whose Host is not its own (DNS rebinding)', async () => {
    const port = new URL(dev.url).port
    const foreign = await get(dev.url, '/samen/', {Host: `evil.example:${port}`})
    expect(foreign.status).toBe(403)
    expect(foreign.text).not.toContain('Samen lesgeven')
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `kaart.localhost:${port}`]) {
      expect((await get(dev.url, '/samen/', {Host: host})).status).toBe(200)
    }
  })

  it('refuses paths that climb out of the site, however they are written, and lists no folders', async () => {
    for (const climbing of ['/../package.json', '/samen/../../package.json', '/%2e%2e/package.json', '/samen/%2E%2E/%2e%2e/package.json', '/..%2fpackage.json', '/samen%5c..%5c..%5cpackage.json']) {
      const response = await get(dev.url, climbing)
      expect(response.status, climbing).toBe(400)
      expect(response.text).not.toContain('"name"')
    }
    // A folder without an index.html is not listed
    const folder = await get(dev.url, '/assets/')
    expect(folder.status).toBe(404)
    expect(folder.text).not.toContain('site.css')
    // A folder named without its slash goes where a static host sends it
    const bare = await get(dev.url, '/samen')
    expect(bare.status).toBe(301)
    expect(bare.headers.location).toBe('/samen/')
  })

  it('names a path it does not have as text on its page, never as markup', async () => {
    const missing = await get(dev.url, '/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.html')
    expect(missing.status).toBe(404)
    expect(missing.text).not.toContain('<img')
    expect(missing.text).toContain('&#x3C;img src=x onerror=alert(1)>.html')
  })

  it('answers only GET and HEAD', async () => {
    const {hostname, port} = new URL(dev.url)
    const status = await new Promise<number>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => socket.write(`POST /samen/ HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`))
      let reply = ''
      socket.on('data', (chunk) => (reply += chunk.toString()))
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1])))
      socket.on('error', reject)
    })
    expect(status).toBe(405)
  })
})

describe('kenniskaart dev, starting and stopping', () => {
  it('stops on Ctrl-C within two seconds, with exit code 0, and says so', async () => {
    const {dir} = await workFolder()
    await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const dev = await startDev(['--port', '0'], {cwd: dir})
    const listener = await listenToEvents(dev.url)
    const stopped = await dev.stop('SIGINT')
    listener.close()
    expect(stopped.code).toBe(0)
    expect(stopped.ms).toBeLessThan(2000)
    expect(dev.stderr()).toContain('Stopped.')
  })

  it('stops as cleanly when its terminal is closed (SIGHUP)', async () => {
    const {dir} = await workFolder()
    await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const dev = await startDev(['--port', '0'], {cwd: dir})
    const stopped = await dev.stop('SIGHUP')
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(dev.stderr()).toContain('Stopped.')
  })

  it('stops as cleanly when its output goes away (the pipe to `| tee` or `| head` closed), rather than crashing on the next line', async () => {
    const {dir} = await workFolder()
    await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const dev = await startDev(['--port', '0'], {cwd: dir})
    const exited = new Promise<number | null>((resolve) => dev.child.once('exit', (code) => resolve(code)))
    dev.child.stderr!.destroy()
    // The next thing it tells the terminal fails to be written
    const theme = path.join(dir, 'content', 'samen', '02-voorbereiden.md')
    await writeFile(theme, `${await readFile(theme, 'utf8')}\nNog een zin.\n`)
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))])
    await dev.stop()
    expect(code).toBe(0)
  })

  it('stops as cleanly on Ctrl-C during the first build, once that build is done', async () => {
    const {dir} = await workFolder()
    // Enough cards that the first build is still running when Ctrl-C comes
    generateCorpus(path.join(dir, 'content'), 120, 1)
    const child = spawn(process.execPath, [binPath, 'dev', '--port', '0'], {cwd: dir, env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(stderr).not.toContain('Local:')
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(stderr).toContain('Stopped.')
    expect(stderr).not.toContain('Interrupted')
  }, 120_000)

  it('refuses a port asked for by name that is in use, naming a free one', async () => {
    const {dir} = await workFolder()
    await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const blocker = net.createServer()
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)))
    try {
      const named = await runCli(['dev', '--port', String(port)], {cwd: dir})
      expect(named.code).toBe(4)
      expect(named.stderr).toContain(`kenniskaart: Port ${port} on 127.0.0.1 is in use by another program`)
      expect(named.stderr).toMatch(/hint: .*--port \d+ \(free now\)/)
      expect(named.stderr).not.toMatch(/\n\s+at /)
    } finally {
      blocker.close()
    }
  })

  it('starts on broken content: findings at once, pages not found yet, a PDF that cannot be printed says why', async () => {
    const {dir} = await workFolder()
    const card = await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const file = path.join(card, '01-terugblikken.md')
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: "Terugblikken"', 'title: [Terugblikken'))
    const dev = await startDev(['--port', '0'], {cwd: dir})
    try {
      expect(dev.stderr()).toContain('content/samen/01-terugblikken.md:3:1  error')
      expect(dev.stderr()).toContain('The content has errors; fix them and save, and the pages appear')
      const listener = await listenToEvents(dev.url)
      const greeting = await listener.next((event) => event.type === 'status', {since: 0})
      listener.close()
      expect(greeting).toMatchObject({ok: false, findings: [expect.objectContaining({file: 'content/samen/01-terugblikken.md', line: 3, column: 1})]})
      // No good build yet: a page is not found, and carries the dev client to show the findings
      const page = await get(dev.url, '/samen/')
      expect(page.status).toBe(404)
      expect(page.text).toContain('/__kenniskaart/dev-client.js')
      // The card has no page: its PDF is not found either (nothing is printed from broken content)
      expect((await get(dev.url, '/samen/samen.pdf')).status).toBe(404)
    } finally {
      await dev.stop()
    }
  })

  it('says so when it listens beyond this machine, and still refuses foreign host names', async () => {
    const {dir} = await workFolder()
    await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const dev = await startDev(['--port', '0', '--host', '0.0.0.0'], {cwd: dir})
    try {
      expect(dev.url).toMatch(/^http:\/\/localhost:\d+\/$/)
      expect(dev.stderr()).toContain('Listening on 0.0.0.0: anyone who can reach this machine can see the preview.')
      const port = new URL(dev.url).port
      expect((await get(dev.url, '/samen/', {Host: `evil.example:${port}`})).status).toBe(403)
      expect((await get(dev.url, '/samen/', {Host: `localhost:${port}`})).status).toBe(200)
    } finally {
      await dev.stop()
    }
  })

  it('restyles the pages when a stylesheet of the project\'s visual theme is saved', async () => {
    const {dir} = await workFolder()
    const card = await copyCard(path.join(fixtureCardsDir, 'three-themes'), dir, 'samen')
    const index = path.join(card, 'index.md')
    await writeFile(index, (await readFile(index, 'utf8')).replace('lang: nl', 'lang: nl\ntheme: eigen'))
    const themeDir = path.join(dir, 'themes', 'eigen')
    await mkdir(themeDir, {recursive: true})
    await writeFile(path.join(themeDir, 'theme.json'), JSON.stringify({name: 'eigen', palette: ['#0e6591', '#b0356a', '#4a761d'], onColor: '#ffffff', stylesheets: {site: 'site.css', print: 'print.css'}}))
    await writeFile(path.join(themeDir, 'site.css'), 'body { color: #111; }\n')
    await writeFile(path.join(themeDir, 'print.css'), 'body { color: #000; }\n')
    const dev = await startDev(['--port', '0'], {cwd: dir})
    const listener = await listenToEvents(dev.url)
    // The card page links the theme's stylesheet by its hashed name, which changes with its contents
    const siteStylesheet = async () => {
      const href = /href="([^"]*site\.[\da-f]{10}\.css)"/.exec((await get(dev.url, '/samen/')).text)?.[1] ?? 'none'
      const pathname = new URL(href, new URL('/samen/', dev.url)).pathname
      return {path: pathname.slice(1), text: (await get(dev.url, pathname)).text}
    }
    try {
      const before = await siteStylesheet()
      expect(before.text).toContain('#111')
      const since = listener.events.length
      await writeFile(path.join(themeDir, 'site.css'), 'body { color: #222; }\n')
      const reload = await listener.next((event) => event.type === 'reload', {since, context: dev.stderr})
      const after = await siteStylesheet()
      expect(after.path).not.toBe(before.path)
      expect(reload.paths).toContain(after.path)
      expect(after.text).toContain('#222')
    } finally {
      listener.close()
      await dev.stop()
    }
  })

  it('refuses a content folder that is not there, with a hint', async () => {
    const {dir} = await workFolder()
    const result = await runCli(['dev', '--content', 'nergens'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('kenniskaart: There is no content folder nergens')
    expect(result.stderr).toContain('hint: ')
  })

  it('refuses a port that is no port', async () => {
    const {dir} = await workFolder()
    for (const port of ['-1', '65536', 'abc', '80.5']) {
      const result = await runCli(['dev', '--port', port], {cwd: dir})
      expect(result.code, port).toBe(2)
      expect(result.stderr).toContain('give a port number from 0 to 65535')
    }
  })
})
