// Preloaded into a server whose memory the bench reads (node --expose-gc --require bench/heapProbe.cjs):
// on SIGUSR2 it runs a full garbage collection and writes the heap still in use to stderr, so growth is
// read without the noise of garbage not yet collected. Not part of any server.
process.on('SIGUSR2', () => {
  global.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.stderr.write(`\nheap-after-gc ${heapUsed} ${rss}\n`);
});
