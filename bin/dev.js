#!/usr/bin/env node
// Runs the compiled commands after a fresh `npm run build`; kept for oclif's conventional layout.
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
