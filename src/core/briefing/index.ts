/** The daily report: its data (build.ts), its escalations (escalations.ts) and its markdown (markdown.ts). */
export * from './build';
export * from './escalations';
export * from './markdown';
