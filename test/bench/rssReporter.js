// Preloaded with `node --require` into benchmarked processes: reports peak memory and CPU time (user + system) on exit.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nKMS_LENS_MAX_RSS_KB=${u.maxRSS}\nKMS_LENS_CPU_US=${u.userCPUTime + u.systemCPUTime}\n`);
});
