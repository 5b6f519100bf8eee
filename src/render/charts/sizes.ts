// Chart names and sizes, apart from the drawing code so that importing them does not load the
// canvas library (about 18 MB of memory, loaded on the first chart instead of at start).

/** 800 px wide: twice the width Discord shows an embed image at, so it stays sharp on dense screens. */
export const STATS_CHART = { width: 800, height: 560, name: 'stats.png' } as const;
export const EXAM_CHART = { width: 800, height: 340, name: 'exam-result.png' } as const;
