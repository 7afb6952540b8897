import {parentPort} from 'node:worker_threads'

import type {Finding, Report} from '../findings/model.js'
import {releaseFindings} from '../findings/report-findings.js'
import {workerErrorMessage} from '../io/worker-mailbox.js'
import {type FromChecksWorker, type ToChecksWorker, findingBatches} from './background-validate.js'

// A checks worker's side (validate-worker.ts, crosscheck-worker.ts): the check starts at once, and
// its findings are sent one batch per request of the main thread (background-validate.ts).

export function send(m: FromChecksWorker): void {
  parentPort!.postMessage(m)
}

export function serveFindings(run: () => Promise<Report>): void {
  async function* batches(): AsyncGenerator<Finding[]> {
    const report = await run()
    try {
      yield* findingBatches(report)
    } finally {
      releaseFindings(report)
    }
  }
  const source = batches()
  // The check starts now; its first batch waits for the first request.
  const first = source.next()
  first.catch(() => undefined)
  let pending: Promise<IteratorResult<Finding[]>> | undefined = first
  parentPort!.on('message', (m: ToChecksWorker) => {
    if (m.type !== 'more') return
    const step = pending ?? source.next()
    pending = undefined
    step.then(
      (r) => send(r.done ? {type: 'end'} : {type: 'findings', findings: r.value}),
      (error: unknown) => send(workerErrorMessage(error)),
    )
  })
}
