#!/usr/bin/env node
// Node 22.1+ can cache compiled modules between runs; Node 20 has no such cache.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
