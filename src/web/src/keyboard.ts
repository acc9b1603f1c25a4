// Global single-key shortcuts (`/` search, `e` edit): ignored while typing in a field or editor.
import { useEffect } from 'react';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Calls `action` when `key` is pressed outside text fields, without modifiers. */
export function useShortcut(key: string, action: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // composedPath: inside the editor's shadow root, event.target is only its host element.
      if (event.key !== key || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.composedPath()[0] ?? event.target)) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, action]);
}
