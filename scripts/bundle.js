// npm run build, second step: bundle the compiled CLI (lib/, from tsc) into lib/bundle/, so
// that starting the program reads a few files instead of some 800 modules. Code a command
// imports lazily (`await import(...)`) stays lazy: esbuild splits it into chunks of its own.
import {createHash} from 'node:crypto'
import {readdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const root = fileURLToPath(new URL('../', import.meta.url))
const lib = path.join(root, 'lib')
const bundleDir = path.join(lib, 'bundle')

/**
 * The programs in the bundle, by output name (`lib/bundle/<name>.js`). A
 * worker thread's script is an entry point of its own: add it here, such
 * as `'card-worker': 'lib/engine/card-worker.js'`; code that starts it with
 * `new URL('./card-worker.js', import.meta.url)` then starts the bundled one.
 */
const entryPoints = {
  cli: 'lib/cli.js',
  'card-worker': 'lib/engine/card-worker.js'
}

/**
 * Packages left out of the bundle and loaded from node_modules as they are:
 * the browser's (large, only ever loaded lazily to print, and
 * @puppeteer/browsers reads files of its own), and css-tree, which reads
 * its data files (`../data/patch.json`, mdn-data) with `createRequire`
 * relative to its own modules, and tinypool, which starts its worker
 * threads from a file of its own, and pagefind, which finds its program
 * (@pagefind/<platform>) with `require.resolve` relative to itself.
 */
const external = ['puppeteer-core', '@puppeteer/browsers', 'css-tree', 'tinypool', 'pagefind']

/**
 * `import.meta.url` in kenniskaart's own modules means "where this module
 * is": they find themes/, docs/ and package.json relative to it. In the
 * bundle a module lives in a chunk, so each use becomes the address of its
 * twin in lib/ (`new URL('../theme/load-visual-theme.js', import.meta.url)`
 * from lib/bundle/), and every relative path keeps working. The address
 * of an entry point's module (`new URL('./card-worker.js', import.meta.url)`)
 * becomes that of its bundle, `lib/bundle/card-worker.js`.
 */
const bundleOfEntry = new Map(Object.entries(entryPoints).map(([name, file]) => [path.join(root, file), `./${name}.js`]))
const moduleAddress = /new URL\((['"])(\.\.?\/[^'"]+)\1, import\.meta\.url\)/g
const bundleUrl = '__kenniskaartBundleUrl__'

const moduleUrlOfTwin = {
  name: 'module-url-of-twin',
  setup(esbuild) {
    esbuild.onLoad({filter: /\.js$/}, async (args) => {
      if (!args.path.startsWith(lib + path.sep) || args.path.startsWith(bundleDir + path.sep)) return undefined
      const source = await readFile(args.path, 'utf8')
      if (!source.includes('import.meta.url')) return undefined
      const twin = path.relative(bundleDir, args.path).split(path.sep).join('/')
      const contents = source
        .replace(moduleAddress, (address, _quote, relative) => {
          const bundle = bundleOfEntry.get(path.resolve(path.dirname(args.path), relative))
          return bundle ? `new URL(${JSON.stringify(bundle)}, ${bundleUrl})` : address
        })
        .replaceAll('import.meta.url', `new URL(${JSON.stringify(twin)}, import.meta.url).href`)
        .replaceAll(bundleUrl, 'import.meta.url')
      return {contents, loader: 'js'}
    })
  }
}

await rm(bundleDir, {recursive: true, force: true})
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir: bundleDir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // A package's ES module build where it has one: jsonc-parser's main is UMD, whose `require`s esbuild cannot follow
  mainFields: ['module', 'main'],
  plugins: [moduleUrlOfTwin],
  // Bundled CommonJS packages may `require` Node's own modules; an ES module has no `require` of its own
  banner: {js: `import {createRequire as createRequireOfBundle} from 'node:module';const require = createRequireOfBundle(import.meta.url);`},
  // Stack traces (--debug) name the functions as they are; a map leads from the bundle to lib/, whose maps lead to src/
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none'
})
// Which modules went into which file: tests use it to see what a command loads
await writeFile(path.join(bundleDir, 'meta.json'), JSON.stringify(result.metafile))

// The build's identity, read by the cache at every start (src/engine/keys.ts): a hash of the compiled code,
// made once here rather than by reading all of lib/ on every run
const code = (await readdir(lib, {recursive: true, withFileTypes: true}))
  .filter((entry) => entry.isFile() && /\.(?:js|json)$/.test(entry.name) && entry.name !== 'build-id.json')
  .map((entry) => path.join(entry.parentPath, entry.name))
  .sort()
const hash = createHash('sha256')
for (const file of code) hash.update(`${path.relative(lib, file)}\0`).update(await readFile(file))
await writeFile(path.join(lib, 'build-id.json'), `${JSON.stringify({id: hash.digest('hex').slice(0, 16)})}\n`)
