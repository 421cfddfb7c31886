import {existsSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {describe, expect, it} from 'vitest'
import {browserIdentity} from '../../src/pdf/browser-identity.js'

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kk-identity-'))
}

/** A file that is no script: a stand-in for a browser program. */
function program(file: string, bytes = 'ELF program'): string {
  mkdirSync(path.dirname(file), {recursive: true})
  writeFileSync(file, bytes, {mode: 0o755})
  return file
}

const past = new Date('2024-01-01T00:00:00Z')

describe('browserIdentity', () => {
  it('is the same for the same browser, named directly or through a link', async () => {
    const dir = tempDir()
    const chrome = program(path.join(dir, 'chrome'))
    symlinkSync(chrome, path.join(dir, 'link'))
    const identity = await browserIdentity(chrome)
    expect(await browserIdentity(chrome)).toBe(identity)
    expect(await browserIdentity(path.join(dir, 'link'))).toBe(identity)
  })

  it('changes when the program is replaced: other size, or same size and other time', async () => {
    const dir = tempDir()
    const chrome = program(path.join(dir, 'chrome'))
    utimesSync(chrome, past, past)
    const before = await browserIdentity(chrome)
    program(chrome, 'ELF program, version 2')
    utimesSync(chrome, past, past)
    const bigger = await browserIdentity(chrome)
    expect(bigger).not.toBe(before)
    program(chrome, 'ELF program, version 3')
    expect(await browserIdentity(chrome)).not.toBe(bigger)
  })

  it('follows a Debian-style wrapper script to the program it execs, and the settings folder it sources', async () => {
    const root = tempDir()
    const real = program(path.join(root, 'lib', 'chromium', 'chromium'))
    utimesSync(real, past, past)
    mkdirSync(path.join(root, 'etc', 'chromium.d'), {recursive: true})
    writeFileSync(path.join(root, 'etc', 'chromium.d', 'default-flags'), 'export CHROMIUM_FLAGS="$CHROMIUM_FLAGS"\n')
    const wrapper = path.join(root, 'bin', 'chromium')
    mkdirSync(path.dirname(wrapper))
    writeFileSync(wrapper, [
      '#!/bin/sh',
      'APPNAME=chromium',
      `LIBDIR=${root}/lib/$APPNAME`,
      'GDB=/usr/bin/gdb',
      `for file in ${root}/etc/chromium.d/*; do`,
      '  . $file',
      'done',
      'if [ $want_temp_profile -eq 0 ] ; then',
      '  exec $LIBDIR/$APPNAME $CHROMIUM_FLAGS "$@"',
      'fi',
      ''
    ].join('\n'), {mode: 0o755})
    const before = await browserIdentity(wrapper)
    expect(before).toContain(`runs ${real} `)
    expect(before).toContain(`sources ${path.join(root, 'etc', 'chromium.d', 'default-flags')} `)

    // A new browser behind the same wrapper
    program(real, 'ELF program, version 2')
    const updated = await browserIdentity(wrapper)
    expect(updated).not.toBe(before)
    // Other flags from the settings folder
    writeFileSync(path.join(root, 'etc', 'chromium.d', 'more-flags'), 'export CHROMIUM_FLAGS="$CHROMIUM_FLAGS --x"\n')
    expect(await browserIdentity(wrapper)).not.toBe(updated)
  })

  it('names the program beside a wrapper that finds it at run time (Google Chrome\'s own script)', async () => {
    const dir = tempDir()
    const chrome = program(path.join(dir, 'chrome'))
    const wrapper = path.join(dir, 'google-chrome')
    writeFileSync(wrapper, '#!/bin/bash\nHERE="`dirname "$0"`"\nexec -a "$0" "$HERE/chrome" "$@"\n', {mode: 0o755})
    expect(await browserIdentity(wrapper)).toContain(`runs ${chrome} `)
  })

  it('reads the version from a folder named after it, or from the Info.plist of a macOS app', async () => {
    const cache = tempDir()
    const cached = program(path.join(cache, 'chrome', 'linux-131.0.6778.85', 'chrome-linux64', 'chrome'))
    expect(await browserIdentity(cached)).toMatch(/\nversion 131\.0\.6778\.85$/)

    const app = path.join(tempDir(), 'Chromium.app', 'Contents')
    const macProgram = program(path.join(app, 'MacOS', 'Chromium'))
    writeFileSync(path.join(app, 'Info.plist'), '<plist><dict><key>CFBundleShortVersionString</key>\n\t<string>142.0.7444.59</string></dict></plist>')
    expect(await browserIdentity(macProgram)).toMatch(/\nversion 142\.0\.7444\.59$/)
  })

  it('rejects a path that does not exist', async () => {
    await expect(browserIdentity(path.join(tempDir(), 'missing'))).rejects.toThrow()
  })

  it.runIf(existsSync('/usr/lib/chromium/chromium'))('names Debian\'s real Chromium and its package version behind /usr/bin/chromium, in a few milliseconds', async () => {
    await browserIdentity('/usr/bin/chromium')
    const started = performance.now()
    const identity = await browserIdentity('/usr/bin/chromium')
    const ms = performance.now() - started
    expect(identity).toContain('runs /usr/lib/chromium/chromium ')
    expect(identity).toMatch(/\nversion \d+\.\d+\.\d+\.\d+-/)
    expect(ms).toBeLessThan(50)
  })
})
