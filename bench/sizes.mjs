// The synthetic data sizes of the benchmark: 1k, 10k and 100k news items, with publications and
// members scaled along (5k publications and 1k members at the largest size).
export const SIZES = [
  { name: '1k', news: 1_000, publications: 500, members: 200 },
  { name: '10k', news: 10_000, publications: 2_000, members: 500 },
  { name: '100k', news: 100_000, publications: 5_000, members: 1_000 },
];
