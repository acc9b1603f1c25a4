// Scrolling to a place in (or just after) rendered spec text. Blocks of the text far off screen are
// laid out only when near (content-visibility in styles.css), at an estimated height until then.
// After a jump, the blocks around the target are laid out in the next frame; where the estimates
// were off, the target would move away (the browser's scroll anchoring does not cover a jump made
// in the same frame), so it is held in place until the page settles or the user scrolls.

const SETTLE_MS = 1500;
const USER_SCROLL = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/** Scrolls `target` to the top of the window and keeps it there while the text around it is laid out. */
export function scrollToElement(target: Element): void {
  target.scrollIntoView();
  const want = target.getBoundingClientRect().top;
  // Called after layout and before paint: a correction made here never shows.
  const observer = new ResizeObserver(() => {
    const moved = target.getBoundingClientRect().top - want;
    if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
  });
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const type of USER_SCROLL) window.removeEventListener(type, stop, true);
  };
  const timer = setTimeout(stop, SETTLE_MS);
  for (const type of USER_SCROLL) window.addEventListener(type, stop, { capture: true, passive: true });
  observer.observe(document.body);
}
