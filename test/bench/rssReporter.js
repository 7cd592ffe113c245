// Preloaded with `node --require` into benchmarked processes: reports peak memory on exit.
process.on('exit', () => {
  process.stderr.write(`\nKMS_LENS_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
