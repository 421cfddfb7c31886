// Setup file of every test project: the working folders a test file made in the temp folder
// (projectWithContent, workFolder) go when the file is done, whether or not its tests removed them.
import {afterAll} from 'vitest'
import {removeWorkFolders} from './cli.js'

afterAll(removeWorkFolders)
