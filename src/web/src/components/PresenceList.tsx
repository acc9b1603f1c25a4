// Who else has this spec open right now (docs/events.md, Presence): initials and names, live.
import { useSpecViewers, type Viewer } from '../api/live-events';

/** Dark enough for white initials (contrast above 4.5:1 on every one). */
const AVATAR_COLOURS = ['#1f5fbf', '#1d7a3e', '#8a3ffc', '#b3261e', '#005f73', '#7a4b00', '#6d2e8f', '#374151'];

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => [...(w ?? '')][0]?.toUpperCase() ?? '').join('') || '?';
}

/** The same person always gets the same colour. */
function colourOf(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length] ?? '#374151';
}

export function Avatar({ viewer }: { viewer: Viewer }) {
  return (
    <span className="avatar" aria-hidden="true" style={{ background: colourOf(viewer.userId) }}>
      {initials(viewer.name)}
    </span>
  );
}

/**
 * The other viewers of a spec (you are left out: you know you are here). Mounting it subscribes
 * to the spec's live topic, which is also what shows you to the others.
 */
export function PresenceList({ specKey, specId, meId }: { specKey: string; specId: string; meId: string | undefined }) {
  const viewers = useSpecViewers(specKey, specId);
  const others = (viewers ?? []).filter((v) => v.userId !== meId);
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title">Viewing now</h2>
      {others.length === 0 ? (
        <p className="muted">{viewers === null ? 'Connecting…' : 'Only you'}</p>
      ) : (
        <ul aria-label="Viewing now" className="presence-list">
          {others.map((viewer) => (
            <li key={viewer.userId} title={viewer.name}>
              <Avatar viewer={viewer} />
              <span className="presence-name">{viewer.name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
