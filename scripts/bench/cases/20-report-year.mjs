// `spm report --period year` must not grow with the number of sales: its time over bare node
// on the 1M-sale database, divided by the same on the 10k-sale twin (same customers, goals).
export default [
  {
    label: 'report year: 1M over 10k sales (over bare)',
    target: 1.3,
    run(bench) {
      const args = ['report', '--period', 'year'];
      const big = bench.startup(args);
      const small = bench.startup(args, { env: { SPM_DB: bench.smallDb } });
      const over = ({ aMs, bMs }) => aMs.map((ms, i) => ms - bMs[i]);
      const bigOver = over(big);
      const smallOver = over(small).sort((a, b) => a - b);
      // Pair the k-th smallest with the k-th smallest: the runs are not paired across databases.
      const values = [...bigOver].sort((a, b) => a - b).map((ms, i) => ms / smallOver[i]);
      return { values, detail: `+${bench.median(bigOver).toFixed(0)} ms at 1M, +${bench.median(smallOver).toFixed(0)} ms at 10k` };
    },
  },
];
