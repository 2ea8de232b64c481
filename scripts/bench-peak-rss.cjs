'use strict';
// Preloaded by scripts/bench.js (`node --require`) into a measured process: writes its peak
// resident set size (KiB) to BENCH_RSS_FILE when it exits.
const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));
