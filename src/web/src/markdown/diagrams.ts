// Turns the ```mermaid placeholders of rendered Markdown into drawings. Mermaid (~600 KB gzip with
// its diagram types) is imported only when a spec has a diagram, as its own chunk.

const PLACEHOLDER = '.mermaid-diagram:not([data-state])';

/** Draws every Mermaid placeholder inside `root` (the source stays behind a "Diagram source" toggle). */
export async function drawDiagrams(root: HTMLElement): Promise<void> {
  const pending = [...root.querySelectorAll<HTMLElement>(PLACEHOLDER)];
  if (pending.length === 0) return;
  for (const placeholder of pending) placeholder.dataset.state = 'drawing';
  const { drawDiagram } = await import('./mermaid');
  // One at a time: Mermaid's configuration and measuring element are global.
  for (const placeholder of pending) {
    if (!placeholder.isConnected) continue;
    await drawDiagram(placeholder);
  }
}
