#!/usr/bin/env node
import {respawnForLinking} from '../dist/commands/_respawn.js'

// The linking commands run in a child with a larger young generation (commands/_respawn.ts).
if (!(await respawnForLinking())) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
}
