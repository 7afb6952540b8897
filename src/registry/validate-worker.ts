import {parentPort, workerData} from 'node:worker_threads'

import {lowerThisThread} from '../io/thread-priority.js'
import {workerErrorMessage} from '../io/worker-mailbox.js'
import type {Finding} from '../findings/model.js'
import {releaseFindings} from '../findings/report-findings.js'
import {validateFiles} from '../rules/validate.js'
import type {ValidateInput} from '../rules/validate.js'
import {type BackgroundOptions, type FromValidateWorker, type ToValidateWorker, findingBatches} from './background-validate.js'

// The registry's validate worker (background-validate.ts): validate of the snapshots it is given,
// then their findings sent back one batch per request.

const {inputs, options} = workerData as {inputs: ValidateInput[]; options: BackgroundOptions}

// Its findings are waited for only after the crosscheck, which it would otherwise slow down.
lowerThisThread()

function send(m: FromValidateWorker): void {
  parentPort!.postMessage(m)
}

async function* batches(): AsyncGenerator<Finding[]> {
  // On this thread alone (background-validate.ts).
  const report = await validateFiles(inputs, {...options, checkerFor: async () => undefined})
  try {
    yield* findingBatches(report)
  } finally {
    releaseFindings(report)
  }
}

const source = batches()
// The validation starts now; its first batch waits for the first request.
const first = source.next()
first.catch(() => undefined)
let pending: Promise<IteratorResult<Finding[]>> | undefined = first

parentPort!.on('message', (m: ToValidateWorker) => {
  if (m.type !== 'more') return
  const step = pending ?? source.next()
  pending = undefined
  step.then(
    (r) => send(r.done ? {type: 'end'} : {type: 'findings', findings: r.value}),
    (error: unknown) => send(workerErrorMessage(error)),
  )
})
