// Preloaded into a process the bench measures (`node --require`): writes its peak resident set
// (kB) to the file named by BENCH_PEAK_RSS_FILE as it exits, however it exits.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
