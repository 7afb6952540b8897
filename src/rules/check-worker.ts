import {type MessagePort, parentPort, workerData} from 'node:worker_threads'

import {workerErrorMessage} from '../io/worker-mailbox.js'
import {type CheckerSetup, type FromChecker, type ToChecker, rosterOf, unpackRows} from './row-batches.js'
import {RowChecker} from './row-checks.js'

// The worker that checks some of validate's batches while the main thread reads the file and
// checks the others (parallel-feed.ts). Results go back on the port the setup brought, which the
// main thread reads without waiting for its event loop; the shared counter wakes it when it waits.

const {setup, port} = workerData as {setup: CheckerSetup; port: MessagePort}
const roster = rosterOf(setup.roster)
const checker = new RowChecker(roster, setup.options)
const sent = new Int32Array(setup.signal)

function send(m: FromChecker): void {
  port.postMessage(m)
  Atomics.add(sent, 0, 1)
  Atomics.notify(sent, 0)
}

parentPort!.on('message', (m: ToChecker) => {
  try {
    send({type: 'checked', seq: m.seq, checked: checker.check(unpackRows(m.rows, roster.dataset))})
  } catch (error) {
    send({...workerErrorMessage(error), seq: m.seq})
  }
})
