/** Write `cards` synthetic cards into `dir` (emptied first), the same for the same seed. */
export function generateCorpus(dir: string, cards: number, seed?: number): string
