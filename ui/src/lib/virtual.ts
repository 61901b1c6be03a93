// The arithmetic of VirtualGrid, kept apart from the DOM so it can be tested on its own. All lengths are in
// CSS pixels; `y` is how far the top of the scroll container's view is below the grid's top (negative while
// the grid starts lower down in the view).

/**
 * The tallest box the grid draws. Browsers cap an element's height (WebKit and Chromium near 33.5 million
 * pixels, Firefox near 17.9 million), and 1.5 million films in rows of five is about 125 million: past this
 * height the scroll range is compressed (see `shiftAt`).
 */
export const MAX_BOX = 15_000_000;

/** How many columns of at least `min` pixels, with `gap` between them, fit in `width`, as CSS grid's auto-fill does. */
export function columnsFor(width: number, min: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (min + gap)));
}

export type Layout = {
  rows: number;
  /** From one row's top to the next. */
  pitch: number;
  /** The height of the whole list. */
  full: number;
  /** The height of the grid's box: the full height, or MAX_BOX when the list is taller. */
  box: number;
};

export function layoutFor(count: number, columns: number, rowHeight: number, gap: number, maxBox = MAX_BOX): Layout {
  const rows = Math.ceil(count / columns);
  const pitch = rowHeight + gap;
  const full = rows > 0 ? rows * pitch - gap : 0;
  return { rows, pitch, full, box: Math.min(full, maxBox) };
}

/**
 * How far above their true place the rows are drawn. Zero when the list fits in the box. When it does not,
 * zero until the grid's top leaves the view, then growing in proportion to the scroll, so that the end of the
 * box shows the end of the list: the scrollbar covers the whole list, and a pixel of scroll moves the rows
 * full/box pixels.
 */
export function shiftAt(y: number, layout: Layout, viewport: number): number {
  const { full, box } = layout;
  const room = box - viewport;
  if (full <= box || room <= 0) return 0;
  return Math.min(full - box, (Math.max(0, y) * (full - box)) / room);
}

/** The `y` at which the view's top is at `top` in the list's own coordinates: the inverse of y + shiftAt(y). */
export function yFor(top: number, layout: Layout, viewport: number): number {
  const { full, box } = layout;
  const room = box - viewport;
  if (full <= box || room <= 0 || top <= 0) return top;
  return (top * room) / (full - viewport);
}

/** The rows to draw, [first, end), for the view at `y`: those in view and `overscan` more on each side. */
export function rowsInView(y: number, viewport: number, layout: Layout, overscan: number): [number, number] {
  const top = y + shiftAt(y, layout, viewport);
  const first = Math.floor(top / layout.pitch) - overscan;
  const end = Math.ceil((top + viewport) / layout.pitch) + overscan;
  const clamp = (n: number) => Math.min(layout.rows, Math.max(0, n));
  return [clamp(first), clamp(end)];
}

/**
 * The `y` that brings row `row` fully into view below `inset` pixels hidden at the top of the view (under a
 * sticky header), moving as little as possible; `y` itself when it is in view already.
 */
export function yToReveal(
  row: number,
  y: number,
  viewport: number,
  inset: number,
  rowHeight: number,
  layout: Layout,
): number {
  const top = y + shiftAt(y, layout, viewport);
  const rowTop = row * layout.pitch;
  let wanted = top;
  if (rowTop + rowHeight > top + viewport) wanted = rowTop + rowHeight - viewport;
  // The top wins when the row is taller than the view.
  if (rowTop < wanted + inset) wanted = rowTop - inset;
  return wanted === top ? y : yFor(wanted, layout, viewport);
}
