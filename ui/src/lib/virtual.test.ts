import { describe, expect, it } from 'vitest';
import { MAX_BOX, columnsFor, layoutFor, rowsInView, shiftAt, yFor, yToReveal } from './virtual';

describe('virtual grid arithmetic', () => {
  it('fits columns as auto-fill does', () => {
    expect(columnsFor(1000, 180, 16)).toBe(5); // 5 × 180 + 4 × 16 = 964
    expect(columnsFor(964, 180, 16)).toBe(5);
    expect(columnsFor(963, 180, 16)).toBe(4);
    expect(columnsFor(0, 180, 16)).toBe(1);
  });

  it('draws a short list at its true height, with the rows in view and the overscan', () => {
    const layout = layoutFor(100, 5, 410, 16); // 20 rows
    expect(layout).toEqual({ rows: 20, pitch: 426, full: 20 * 426 - 16, box: 20 * 426 - 16 });
    expect(shiftAt(5000, layout, 800)).toBe(0);
    // The view at y 1000 covers rows 2 to 4 (852 to 2130); two more on each side.
    expect(rowsInView(1000, 800, layout, 2)).toEqual([0, 7]);
    expect(rowsInView(4000, 800, layout, 2)).toEqual([7, 14]);
    // The grid still below the view's top: its first rows.
    expect(rowsInView(-300, 800, layout, 0)).toEqual([0, 2]);
  });

  it('compresses a list taller than a browser can draw, so the end of the scroll shows the end of the list', () => {
    const layout = layoutFor(1_500_000, 5, 410, 16);
    expect(layout.full).toBe(300_000 * 426 - 16);
    expect(layout.box).toBe(MAX_BOX);
    const end = MAX_BOX - 800;
    expect(shiftAt(0, layout, 800)).toBe(0);
    expect(shiftAt(-100, layout, 800)).toBe(0);
    expect(shiftAt(end, layout, 800)).toBeCloseTo(layout.full - layout.box);
    // The last row is in view at the end, and its bottom meets the box's.
    expect(rowsInView(end, 800, layout, 0)[1]).toBe(300_000);
    // Half way down the scroll is half way down the list.
    const [first] = rowsInView(end / 2, 800, layout, 0);
    expect(Math.abs(first - 150_000)).toBeLessThan(2);
    // yFor undoes the shift.
    const y = yFor(42_000_000, layout, 800);
    expect(y + shiftAt(y, layout, 800)).toBeCloseTo(42_000_000, 3);
  });

  it('reveals a row below a sticky header, moving as little as possible', () => {
    const layout = layoutFor(1000, 5, 410, 16);
    // Row 3 (1278 to 1688) is in view at y 1000 below a 200 px header: stay.
    expect(yToReveal(3, 1000, 800, 200, 410, layout)).toBe(1000);
    // Row 5 (2130 to 2540) is below: its bottom meets the view's.
    expect(yToReveal(5, 1000, 800, 200, 410, layout)).toBe(2540 - 800);
    // Row 1 (426) is above, under the header: its top just below the header.
    expect(yToReveal(1, 1000, 800, 200, 410, layout)).toBe(426 - 200);
  });
});
