/** One file of a build, in memory: a path below the output folder and its bytes. */
export interface OutputFile {
  /** POSIX path relative to the output folder, e.g. `kaart/thema/index.html`. */
  path: string
  contents: string | Uint8Array
}

/** A file kenniskaart leaves in every output folder, to know it is its own. */
export const outputMarker = '.kenniskaart-output'
