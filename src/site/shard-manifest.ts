import {z} from 'zod'
import {cardSlugProblem} from '../content/card-slug.js'
import type {IndexEntry} from '../render/site.js'
import type {Shard} from './shard.js'
import type {SiteWideInput} from './site-wide.js'

/**
 * The file a shard's output holds besides its cards: which shard of which
 * build it is, and what `merge` needs to make the files that span all cards
 * exactly as a full build would. `merge` leaves it out of the joined site.
 */
export const shardManifestPath = 'kenniskaart-shard.json'

/** What makes the site-wide files besides the cards and the output itself. */
export type SiteWideSettings = Omit<SiteWideInput, 'cards' | 'files'>

export interface ShardManifest {
  format: 1
  /** The exact kenniskaart build (`toolId`): shards of different builds are not joined. */
  tool: string
  shard: Shard
  /** The content's cards in all shards together, by slug: a merge checks that none is missing. */
  allCards: string[]
  /** The cards this shard built, as the index page lists them. */
  cards: IndexEntry[]
  siteWide: SiteWideSettings
}

const text = z.string().max(10_000)
const slug = z.string().refine((value) => cardSlugProblem(value) === undefined, 'not a card folder name')

const indexEntrySchema = z.strictObject({
  slug,
  label: text,
  title: text,
  themeCount: z.number().int().min(0),
  lang: z.string().max(100),
  visualTheme: z.string().max(200),
  // A path in the output that the index page links: below assets/, never climbing out or naming another site
  siteStylesheet: z.string().max(500).regex(/^assets\/(?:[^/:\\?#]+\/)*[^/:\\?#]+\.css$/, 'a stylesheet below assets/').refine((value) => !value.split('/').some((segment) => segment === '..' || segment === '.'), 'a stylesheet below assets/'),
  labels: z.record(z.string().max(200), text).optional()
})

const shardManifestSchema = z.strictObject({
  format: z.literal(1),
  tool: z.string().max(200),
  shard: z.strictObject({index: z.number().int().min(1), count: z.number().int().min(1)}).refine((shard) => shard.index <= shard.count, 'a shard i/n has i ≤ n'),
  allCards: z.array(slug),
  cards: z.array(indexEntrySchema),
  siteWide: z.strictObject({
    address: z.strictObject({base: z.string().max(2000), siteUrl: z.string().max(2000).optional()}),
    search: z.boolean().optional()
  })
})

export function shardManifestText(manifest: ShardManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** A shard manifest from its text, or why it is not one (a short phrase). */
export function parseShardManifest(json: string): {manifest: ShardManifest} | {problem: string} {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return {problem: 'it is not JSON'}
  }
  const parsed = shardManifestSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {problem: `${issue?.path.join('.') || 'it'}: ${issue?.message ?? 'not a shard manifest'}`}
  }
  return {manifest: parsed.data as ShardManifest}
}
