// Preloaded into a process the bench measures (`node --require`): writes its resource usage
// (process.resourceUsage(): peak resident set in kB, CPU times in µs) as JSON to the file named by
// BENCH_PEAK_RSS_FILE as it exits, however it exits.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())));
