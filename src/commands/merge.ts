import {lstat, readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {toolId} from '../engine/keys.js'
import {hashText} from '../engine/hash.js'
import {CliError, ExitCode, type ExitCodeValue} from '../errors.js'
import {outputMarker} from '../output/output-file.js'
import {resolveOutputPath} from '../output/resolve-output-path.js'
import {openOutput} from '../output/write-output.js'
import {type IndexEntry, renderIndexPage} from '../render/site.js'
import {escapeTerminal} from '../report/escape-terminal.js'
import {pageSearch} from '../search/search-script.js'
import {parseSiteAddress, type SiteAddress} from '../site/address.js'
import {shardName} from '../site/shard.js'
import {parseShardManifest, type ShardManifest, shardManifestPath} from '../site/shard-manifest.js'
import {isPage, isSiteWidePath, siteWideFiles} from '../site/site-wide.js'

export interface MergeCommandOptions {
  out: string
  force: boolean
  quiet?: boolean
}

/** A shard's output folder, with what its manifest says. */
interface ShardOutput {
  dir: string
  manifest: ShardManifest
}

const buildHint = 'Build each shard into a folder of its own with `kenniskaart build --shard <i>/<n> --out <dir>`, then name all n folders.'

/**
 * `kenniskaart merge <dir…> --out <dir>`: join the outputs of `build --shard
 * i/n` into one site. The shards must be all n of one build (the same
 * kenniskaart, content and settings); their files are copied as they are
 * (a file two shards both have, such as a visual theme's stylesheet, must
 * be the same in both), and what spans all cards (the index page, the
 * search index, the sitemap) is made again from all of them, as a full
 * build makes it. The output is replaced as a whole, as `build` does.
 */
export async function mergeCommand(dirs: string[], options: MergeCommandOptions): Promise<ExitCodeValue> {
  const started = performance.now()
  const shards: ShardOutput[] = []
  for (const dir of dirs) shards.push(await readShard(dir))
  const first = checkShardsAgree(shards, await toolId())
  // The address as the shards' build checked it, checked again: a manifest is a file anyone can edit
  const address = shardAddress(first)
  for (const shard of shards) await resolveOutputPath({out: options.out, content: shard.dir, contentName: `the shard folder ${shard.dir}`, kind: 'folder'})

  const output = await openOutput({outDir: options.out, contentDir: shards[0]!.dir, contentName: `the shard folder ${shards[0]!.dir}`, force: options.force})
  let copied = 0
  try {
    // Each file once, in shard order; a file in two shards must be the same file
    const seen = new Map<string, {shard: ShardOutput; hash: string}>()
    for (const shard of shards) {
      for (const relative of await shardFiles(shard)) {
        const contents = await readFile(path.join(shard.dir, ...relative.split('/')))
        const hash = hashText([contents])
        const earlier = seen.get(relative)
        if (earlier) {
          if (earlier.hash !== hash) throw differs(relative, earlier.shard, shard)
          continue
        }
        seen.set(relative, {shard, hash})
        await output.write({path: relative, contents})
        copied++
      }
    }
    const cards: IndexEntry[] = shards.flatMap((shard) => shard.manifest.cards).sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    const search = await pageSearch(first.siteWide.search === true)
    await output.write(renderIndexPage(cards, {search, address}))
    for (const file of await siteWideFiles({address, search: search !== undefined, cards, files: () => output.staged(isPage)})) await output.write(file)
    await output.commit()
  } catch (error) {
    await output.abandon()
    throw error
  }
  if (!options.quiet) {
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    const target = path.relative(process.cwd(), path.resolve(options.out)) || '.'
    process.stderr.write(`${escapeTerminal(`Merged ${shards.length} shard${shards.length === 1 ? '' : 's'}: ${first.allCards.length} card${first.allCards.length === 1 ? '' : 's'}, ${copied} files in ${seconds} s → ${target}`)}\n`)
  }
  return ExitCode.ok
}

/** A shard folder and its manifest, or a refusal naming the folder. */
async function readShard(dir: string): Promise<ShardOutput> {
  const shown = escapeTerminal(dir)
  const info = await lstat(dir).catch(() => undefined)
  if (!info?.isDirectory()) throw new CliError(`Cannot merge ${shown}: ${info ? 'it is not a folder' : 'there is no such folder'}`, {exitCode: ExitCode.usage, hint: buildHint})
  const text = await readFile(path.join(dir, shardManifestPath), 'utf8').catch(() => undefined)
  const marker = await lstat(path.join(dir, outputMarker)).catch(() => undefined)
  if (text === undefined || !marker?.isFile()) {
    throw new CliError(`Cannot merge ${shown}: it is not the output of \`kenniskaart build --shard\` (it has no ${shardManifestPath})`, {exitCode: ExitCode.usage, hint: buildHint})
  }
  const parsed = parseShardManifest(text)
  if ('problem' in parsed) {
    throw new CliError(`Cannot merge ${shown}: its ${shardManifestPath} is damaged (${escapeTerminal(parsed.problem)})`, {exitCode: ExitCode.usage, hint: 'Build that shard again.'})
  }
  return {dir, manifest: parsed.manifest}
}

/** The shards must be all n of one build, each once, covering every card once; returns the first one's manifest. */
function checkShardsAgree(shards: ShardOutput[], tool: string): ShardManifest {
  const first = shards[0]!.manifest
  const refuse = (why: string, hint = buildHint) => new CliError(`Cannot merge: ${escapeTerminal(why)}`, {exitCode: ExitCode.usage, hint})
  for (const {dir, manifest} of shards) {
    if (manifest.tool !== tool) throw refuse(`${dir} was built by another kenniskaart (${manifest.tool}; this is ${tool})`, 'Build every shard and merge them with the same kenniskaart.')
    if (manifest.shard.count !== first.shard.count) throw refuse(`${shards[0]!.dir} is shard ${shardName(first.shard)} and ${dir} is shard ${shardName(manifest.shard)}: they are not of one build`)
    if (JSON.stringify(manifest.allCards) !== JSON.stringify(first.allCards) || JSON.stringify(manifest.siteWide) !== JSON.stringify(first.siteWide)) {
      throw refuse(`${dir} and ${shards[0]!.dir} were built from different content or with different settings`, 'Build all shards from the same commit with the same options.')
    }
  }
  const byIndex = new Map<number, string>()
  for (const {dir, manifest} of shards) {
    const twice = byIndex.get(manifest.shard.index)
    if (twice !== undefined) throw refuse(`shard ${shardName(manifest.shard)} is given twice: ${twice} and ${dir}`)
    byIndex.set(manifest.shard.index, dir)
  }
  const missing = Array.from({length: first.shard.count}, (_, position) => position + 1).filter((index) => !byIndex.has(index))
  if (missing.length > 0) throw refuse(`${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((index) => `${index}/${first.shard.count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`)
  const built = shards.flatMap(({manifest}) => manifest.cards.map((card) => card.slug)).sort()
  if (JSON.stringify(built) !== JSON.stringify([...first.allCards].sort())) throw refuse('the shards do not hold every card of the content exactly once', 'Build all shards from the same commit with the same options.')
  return first
}

/** The site's address the shards were built for, or a refusal: `parseSiteAddress`'s message, said of the shards. */
function shardAddress(manifest: ShardManifest): SiteAddress {
  try {
    return parseSiteAddress({base: manifest.siteWide.address.base, siteUrl: manifest.siteWide.address.siteUrl})
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    throw new CliError(`Cannot merge: the shards' ${shardManifestPath} names an address that cannot be used (${error.message})`, {exitCode: ExitCode.usage, hint: 'Build the shards again with a good --base or --site-url.'})
  }
}

/**
 * The files of a shard to copy: every regular file but the marker, the
 * manifest and what merge makes again. A shard holds its own cards'
 * folders and `assets/`; anything else was not written by its build, and
 * would make the joined site differ from a full build.
 */
async function shardFiles({dir, manifest}: ShardOutput): Promise<string[]> {
  const files: string[] = []
  const own = (relative: string) => relative.startsWith('assets/') || manifest.cards.some((card) => relative.startsWith(`${card.slug}/`))
  for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
    if (entry.isDirectory()) continue
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    if (!entry.isFile()) throw new CliError(`Cannot merge ${escapeTerminal(dir)}: ${escapeTerminal(relative)} is not a regular file`, {exitCode: ExitCode.usage, hint: 'A shard holds only what kenniskaart wrote: build that shard again.'})
    if (relative === outputMarker || relative === shardManifestPath || relative === 'index.html' || isSiteWidePath(relative)) continue
    if (!own(relative)) {
      throw new CliError(`Cannot merge ${escapeTerminal(dir)}: ${escapeTerminal(relative)} is not a file of its cards`, {
        exitCode: ExitCode.usage,
        hint: 'A shard holds its own cards\' folders and assets/ only: build that shard again into an empty folder.'
      })
    }
    files.push(relative)
  }
  return files.sort()
}

function differs(relative: string, earlier: ShardOutput, later: ShardOutput): CliError {
  return new CliError(`Cannot merge: ${escapeTerminal(relative)} differs between ${escapeTerminal(earlier.dir)} and ${escapeTerminal(later.dir)}`, {
    exitCode: ExitCode.usage,
    hint: 'The shards were not built from the same content and visual themes: build them all from the same commit.'
  })
}
