// npm run build, last step: copy PDF.js's two browser builds (and its licence) from the
// pdfjs-dist devDependency into client/vendor/pdfjs/, where `kenniskaart dev` serves them to
// the print preview. Only these 1.6 MB ship in the package, not pdfjs-dist's 70 MB.
import {copyFile, mkdir} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const target = path.join(root, 'client', 'vendor', 'pdfjs')
const pdfjs = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))

await mkdir(target, {recursive: true})
for (const [from, to] of [
  ['build/pdf.min.mjs', 'pdf.min.mjs'],
  ['build/pdf.worker.min.mjs', 'pdf.worker.min.mjs'],
  ['LICENSE', 'LICENSE']
]) {
  await copyFile(path.join(pdfjs, from), path.join(target, to))
}
