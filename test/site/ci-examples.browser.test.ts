import {spawnSync} from 'node:child_process'
import {cp, readFile} from 'node:fs/promises'
import path from 'node:path'
import {parse} from 'yaml'
import {describe, expect, test} from 'vitest'
import {binPath, readTree, repoRoot} from '../helpers/cli.js'
import {tempFolder} from '../helpers/temp-folders.js'

/**
 * The CI examples are run, not just shown: the kenniskaart commands of the
 * GitHub workflow and of the README's GitLab CI file, in their order, on a
 * copy of the bundled cards, with `npx kenniskaart` the program itself.
 * Only what needs the CI service is left out (installing, git, uploads).
 */
const serviceOnly = /apt-get|npm ci|git config|GITHUB_ENV/

interface Step {
  run?: string
}
interface Job {
  steps?: Step[]
  strategy?: {matrix?: {shard?: number[]}}
  script?: string[]
  parallel?: number
}

/** A copy of the bundled cards, in a folder whose name needs quoting. */
async function project(): Promise<string> {
  const dir = path.join(await tempFolder('kenniskaart-ci-'), 'kaarten 50%')
  await cp(path.join(repoRoot, 'content'), path.join(dir, 'content'), {recursive: true})
  return dir
}

/** Run lines of shell as one script, `npx kenniskaart` being this checkout's program. */
function runScript(lines: string[], cwd: string, env: Record<string, string>): {status: number | null; stderr: string} {
  const script = ['set -eu', ...lines.map((line) => line.replaceAll('npx kenniskaart', `node '${binPath}'`))].join('\n')
  const result = spawnSync('sh', ['-c', script], {cwd, env: {...process.env, SOURCE_DATE_EPOCH: '1700000000', CI: 'true', ...env}, encoding: 'utf8', timeout: 240_000})
  return {status: result.status, stderr: result.stderr}
}

describe('the CI examples', () => {
  test('.github/workflows/pages.yml: check, three shards with their PDFs, merge into the site', async () => {
    const workflow = parse(await readFile(path.join(repoRoot, '.github', 'workflows', 'pages.yml'), 'utf8')) as {jobs: Record<string, Job>}
    const runs = (job: Job) => (job.steps ?? []).flatMap((step) => (step.run ? [step.run] : [])).filter((run) => !serviceOnly.test(run))
    const dir = await project()
    const lines: string[] = [...runs(workflow.jobs.check!)]
    for (const shard of workflow.jobs.build!.strategy!.matrix!.shard!) {
      lines.push(...runs(workflow.jobs.build!).map((run) => run.replaceAll('${{ matrix.shard }}', String(shard)).replaceAll('${{ steps.pages.outputs.base_url }}', 'https://kennis.example.org/kaarten')))
      // The artifact's upload and download, as the merge job finds them
      lines.push(`mkdir -p shards && cp -R shard-${shard} shards/shard-${shard}`)
    }
    lines.push(...runs(workflow.jobs.merge!))
    expect(lines.join('\n')).not.toContain('${{')
    const run = runScript(lines, dir, {})
    expect(run.stderr).not.toMatch(/kenniskaart:|hint:|[1-9]\d* (?:errors?|warnings?)|::(?:error|warning)/)
    expect(run.status).toBe(0)
    const site = await readTree(path.join(dir, 'site'))
    expect([...site.keys()].filter((file) => file.endsWith('.pdf'))).toHaveLength(4)
    expect(site.has('index.html') && site.has('404.html') && site.has('sitemap.xml')).toBe(true)
    expect(site.get('sitemap.xml')!.toString()).toContain('<loc>https://kennis.example.org/kaarten/professionele-leercultuur/</loc>')
    expect(JSON.parse(await readFile(path.join(dir, 'build-2.json'), 'utf8'))).toMatchObject({ok: true, shard: '2/3'})
  }, 300_000)

  test('the README\'s GitLab CI file: parallel shards by CI_NODE_INDEX, merged into public/', async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8')
    const block = /### GitLab CI\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBeDefined()
    const jobs = parse(block!) as Record<string, Job>
    const scripts = (job: Job) => (job.script ?? []).filter((line) => !serviceOnly.test(line)).map((line) => line.replace('$(git log -1 --format=%ct)', '1700000000'))
    const dir = await project()
    const lines: string[] = [...scripts(jobs.check!)]
    for (let index = 1; index <= jobs.build!.parallel!; index++) {
      lines.push(`export CI_NODE_INDEX=${index} CI_NODE_TOTAL=${jobs.build!.parallel}`, ...scripts(jobs.build!))
    }
    lines.push(...scripts(jobs.pages!))
    const run = runScript(lines, dir, {CI_PAGES_URL: 'https://groep.gitlab.io/kaarten'})
    expect(run.stderr).not.toMatch(/kenniskaart:|hint:|[1-9]\d* (?:errors?|warnings?)|::(?:error|warning)/)
    expect(run.status).toBe(0)
    const site = await readTree(path.join(dir, 'public'))
    expect([...site.keys()].filter((file) => file.endsWith('.pdf'))).toHaveLength(4)
    expect(site.get('sitemap.xml')!.toString()).toContain('<loc>https://groep.gitlab.io/kaarten/collectief-leren/</loc>')
  }, 300_000)
})
