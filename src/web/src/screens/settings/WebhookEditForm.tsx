// Editing a webhook (PATCH, docs/webhooks.md): URL, description, events, active or paused, and
// optionally a new signing secret. Only changed fields are sent, so saving a description does not
// re-check an unchanged URL. The server never shows a secret again, so a new one is made here
// (typed, or generated in the browser like the server's whsec_ ones) and shown once after saving.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { webhookPath, type Webhook } from '../../api/webhook-queries';
import { ErrorNote } from '../../components/Status';
import { EventChoices } from './WebhookForm';

/** 32 random bytes, base64url, with the server's prefix: as strong as a generated secret. */
function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return `whsec_${base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

const sameEvents = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export interface EditWebhookFormProps {
  ws: string;
  hook: Webhook;
  id: string;
  /** After a save: the new secret when it was changed (to show once), else null. */
  onSaved: (secret: string | null) => void;
  onCancel: () => void;
}

export function EditWebhookForm({ ws, hook, id, onSaved, onCancel }: EditWebhookFormProps) {
  const client = useQueryClient();
  const [url, setUrl] = useState(hook.url);
  const [description, setDescription] = useState(hook.description);
  const [events, setEvents] = useState<string[]>(hook.events);
  const [active, setActive] = useState(hook.active);
  const [rotate, setRotate] = useState(false);
  const [secret, setSecret] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const save = useMutation({
    mutationFn: async (changes: { body: Record<string, unknown>; secret: string | null }) => {
      await api<Webhook>(webhookPath(ws, hook.id), { method: 'PATCH', body: changes.body });
      return changes.secret;
    },
    onSuccess: async (newSecret) => {
      await client.invalidateQueries({ queryKey: ['webhooks', ws] });
      onSaved(newSecret);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const newSecret = rotate ? (secret === '' ? generateSecret() : secret) : null;
    const body = {
      ...(url.trim() === hook.url ? {} : { url: url.trim() }),
      ...(description.trim() === hook.description ? {} : { description: description.trim() }),
      ...(sameEvents(events, hook.events) ? {} : { events }),
      ...(active === hook.active ? {} : { active }),
      ...(newSecret === null ? {} : { secret: newSecret }),
    };
    if (Object.keys(body).length === 0) onSaved(null);
    else save.mutate({ body, secret: newSecret });
  };
  return (
    <div className="webhook-edit" id={id}>
      <form className="stack settings-form" aria-label={`Edit webhook ${hook.url}`} onSubmit={submit}>
        <label>
          Payload URL
          <input ref={first} type="url" required maxLength={2000} value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <label>
          Description (optional)
          <input maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <EventChoices events={events} onChange={setEvents} />
        <label className="inline">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Active (when off, the webhook is paused: nothing is queued or sent)
        </label>
        <label className="inline">
          <input type="checkbox" checked={rotate} onChange={(e) => setRotate(e.target.checked)} />
          Set a new signing secret
        </label>
        {rotate && (
          <label>
            New secret (optional, at least 16 characters; generated when empty)
            <input minLength={16} maxLength={200} autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
          </label>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending || events.length === 0 || url.trim() === ''}>
            Save changes
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {save.error !== null && <ErrorNote error={save.error} />}
    </div>
  );
}
