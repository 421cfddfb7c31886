import {VFile} from 'vfile'
import {processMarkdown} from '../lib/markdown/processor.js'
const shape = process.argv[2].replace(/\\n/g, '\n')
const n = Number(process.argv[3])
const t = process.cpuUsage()
await processMarkdown(new VFile({path: 'x.md', value: '---\ntitle: T\n---\n\n' + shape.repeat(n)}))
const u = process.cpuUsage(t); console.log(((u.user + u.system) / 1000).toFixed(0), 'ms')
