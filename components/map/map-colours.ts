/** The map's five classes, light to dark (sequential blues). */
export const MAP_COLOURS = ['#eef4fa', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

/**
 * Five classes by quintile of the shown values (a few large counties would otherwise leave every
 * other county in the lightest class). Hidden values take no part: their order is never used.
 */
export function quintileClasses(values: readonly number[]): { breaks: number[]; classOf: (v: number) => number } {
  const sorted = [...values].sort((a, b) => a - b);
  const breaks =
    sorted.length === 0 ? [0, 0, 0, 0, 0] : [0, 1, 2, 3, 4].map((i) => sorted[Math.floor((i * sorted.length) / 5)]!);
  const classOf = (v: number) => {
    let c = 0;
    for (let i = 1; i < 5; i++) if (v >= breaks[i]! && breaks[i]! > breaks[i - 1]!) c = i;
    return c;
  };
  return { breaks, classOf };
}
