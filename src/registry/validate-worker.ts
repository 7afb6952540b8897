import {workerData} from 'node:worker_threads'

import {lowerThisThread} from '../io/thread-priority.js'
import {validateFiles} from '../rules/validate.js'
import type {ValidateInput} from '../rules/validate.js'
import type {BackgroundOptions} from './background-validate.js'
import {serveFindings} from './serve-findings.js'

// The registry's validate worker (background-validate.ts): validate of the snapshots it is given,
// then their findings sent back one batch per request.

const {inputs, options} = workerData as {inputs: ValidateInput[]; options: BackgroundOptions}

// Its findings are waited for only after the crosscheck, which it would otherwise slow down.
lowerThisThread()

// On this thread alone (background-validate.ts).
serveFindings(() => validateFiles(inputs, {...options, checkerFor: async () => undefined}))
