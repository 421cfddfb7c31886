/**
 * How much structure one content file may hold. Every stage after parsing
 * (remark and rehype plugins, cloning, HTML serialisation, the printer)
 * walks trees recursively or expands them, so these limits are chosen well
 * below what each of those stages survives.
 */

/** Levels of the Markdown tree (a quote is one level, a list two: the list and its item). */
export const maxNestingDepth = 100

/**
 * Before parsing: a line whose prefix of quote markers, list markers and
 * indentation adds up to more than this is refused, as the parser slows
 * down sharply with the depth of open quotes and lists.
 */
export const maxLinePrefixDepth = 2 * maxNestingDepth

/** The same count summed over all lines of a file (1 MB of 90-deep quotes takes a minute to parse). */
export const maxTotalPrefixDepth = 200_000

/** Cells of one table: its rows (with the header) times its widest row. */
export const maxTableCells = 10_000

/** Characters of text in one heading. */
export const maxHeadingLength = 300
