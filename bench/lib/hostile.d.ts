/** A CommonJS file of exactly `lines` lines (a multiple of ten) of the patterns the rules look at. */
export function largeFile(lines: number): string;
/** Programs nested `depth` levels deep, by the kind of nesting. */
export const DEEP_SHAPES: Record<
  'functions' | 'callbacks' | 'blocks' | 'ifs' | 'arrays' | 'objects' | 'parens' | 'members' | 'binary' | 'calls',
  (depth: number) => string
>;
