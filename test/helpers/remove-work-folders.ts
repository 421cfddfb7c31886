// Setup file of every test project: the folders a test file made in the temp folder through the helpers
// (workFolder, projectWithContent, tempContent, readPdf) go when the file is done, whether or not its tests removed them.
import {afterAll} from 'vitest'
import {removeTempFolders} from './temp-folders.js'

afterAll(removeTempFolders)
