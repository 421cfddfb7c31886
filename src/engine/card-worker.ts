import {type CacheStore, diskCache, noCache} from './cache-store.js'
import {type CardStepInput, type CardStepResult, runCardStepOnData} from './card-step.js'

/** What the main thread sends a worker: a card, and where the cache is. */
export interface CardTask {
  input: CardStepInput
  cacheDir: string | undefined
}

/** What a worker sends back: the card's result, and what its cache saw. */
export interface CardTaskResult {
  result: CardStepResult
  warnings: string[]
  fileHits: number
  fileMisses: number
}

let cache: Promise<CacheStore> | undefined

/** The per-card step in a worker thread (see tinypool); each worker opens the cache once. */
export default async function runCardTask(task: CardTask): Promise<CardTaskResult> {
  cache ??= task.cacheDir === undefined ? Promise.resolve(noCache()) : diskCache(task.cacheDir, task.input.tool)
  const store = await cache
  const hits = store.stats.hits.files
  const misses = store.stats.misses.files
  const result = await runCardStepOnData(task.input, store)
  // Written before the result goes back: the pool may end this thread as soon as the build is done
  await store.flush()
  return {result, warnings: store.warnings.splice(0), fileHits: store.stats.hits.files - hits, fileMisses: store.stats.misses.files - misses}
}
