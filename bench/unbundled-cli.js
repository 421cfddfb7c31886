// The CLI from tsc's output (lib/), not the esbuild bundle: a CPU profile of it names each package and module,
// where the bundle's chunks would hide them. bench/profile.js profiles through this.
import {run} from '../lib/cli.js'

await run(process.argv)
