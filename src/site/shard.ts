/** One share of the cards: shard `index` of `count` (`--shard 2/3`), counted from 1. */
export interface Shard {
  index: number
  count: number
}

/** The most shards a build can be split into. */
export const maxShards = 1000

/**
 * Read `--shard i/n`. Throws a message for the user on anything else: not
 * two whole numbers, `i` outside 1..n, or more than `maxShards` shards.
 */
export function parseShard(value: string): Shard {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || count > maxShards || index < 1 || index > count) {
    throw new Error(`give the shard as i/n, with n from 1 to ${maxShards} and i from 1 to n, such as 2/3`)
  }
  return {index, count}
}

export function shardName(shard: Shard): string {
  return `${shard.index}/${shard.count}`
}

/**
 * The cards of one shard: of all cards in content order (by folder name),
 * every n-th from the i-th. Every build of the same content gives each card
 * the same shard, and the shards differ in size by at most one card.
 */
export function cardsOfShard<T>(cards: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...cards]
  return cards.filter((_, position) => position % shard.count === shard.index - 1)
}
