import {workerData} from 'node:worker_threads'

import type {CrosscheckConfig} from '../crosscheck/config.js'
import {type CrosscheckOptions, crosscheck} from '../crosscheck/crosscheck.js'
import {send, serveFindings} from './serve-findings.js'

// The ingest's crosscheck, in a worker (checks.ts crosscheckInBackground): its findings sent back
// one batch per request, its progress as it goes.

const {config, options} = workerData as {config: CrosscheckConfig; options: Omit<CrosscheckOptions, 'onProgress' | 'onWarning'>}

serveFindings(() => crosscheck(config, {...options, onProgress: (phase, done, total, subject) => send({type: 'progress', phase, done, ...(total === undefined ? {} : {total}), ...(subject === undefined ? {} : {subject})})}))
