#!/usr/bin/env node
import {run} from '../lib/bundle/cli.js'

await run(process.argv)
