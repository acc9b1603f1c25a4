// The workspace's webhooks (admins): create, edit (with a new secret shown once), pause or resume,
// delete (with the delivery log), and each one's deliveries with Redeliver.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ALL_EVENTS, useWebhooks, webhookPath, type Webhook } from '../../api/webhook-queries';
import { ErrorNote, Loading, TimeAgo } from '../../components/Status';
import { WebhookDeliveries } from './WebhookDeliveries';
import { EditWebhookForm } from './WebhookEditForm';
import { NewWebhookForm, SecretShownOnce } from './WebhookForm';

export function WebhooksSettings({ ws }: { ws: string }) {
  const webhooks = useWebhooks(ws);
  return (
    <>
      <NewWebhookForm ws={ws} />
      <section aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">Webhooks</h2>
        {webhooks.isPending ? (
          <Loading />
        ) : webhooks.error !== null ? (
          <ErrorNote error={webhooks.error} />
        ) : webhooks.data.items.length === 0 ? (
          <p className="muted">No webhooks yet.</p>
        ) : (
          <ul className="settings-list" aria-label="Webhooks">
            {webhooks.data.items.map((hook) => (
              <WebhookRow key={hook.id} ws={ws} hook={hook} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function WebhookRow({ ws, hook }: { ws: string; hook: Webhook }) {
  const client = useQueryClient();
  const deliveriesId = useId();
  const editId = useId();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // Closing the form gives focus back to the button that opened it (the form took it).
  const closeEdit = () => {
    setEditing(false);
    editButton.current?.focus();
  };
  const done = () => client.invalidateQueries({ queryKey: ['webhooks', ws] });
  const toggle = useMutation({ mutationFn: () => api(webhookPath(ws, hook.id), { method: 'PATCH', body: { active: !hook.active } }), onSuccess: done });
  const remove = useMutation({ mutationFn: () => api(webhookPath(ws, hook.id), { method: 'DELETE' }), onSuccess: done });
  const events = hook.events.includes(ALL_EVENTS) ? 'every event' : hook.events.join(', ');
  return (
    <li>
      <span className="who">
        <strong>{hook.url}</strong> <span className={`badge ${hook.active ? 'badge-approved' : ''}`}>{hook.active ? 'Active' : 'Paused'}</span>
        {hook.description !== '' && <> {hook.description}</>}
        <span className="muted">
          {' '}
          · {events} · created <TimeAgo iso={hook.createdAt} />
        </span>
      </span>
      <button type="button" aria-expanded={open} aria-controls={open ? deliveriesId : undefined} aria-label={`Deliveries of ${hook.url}`} onClick={() => setOpen((o) => !o)}>
        Deliveries
      </button>
      <button
        ref={editButton}
        type="button"
        aria-expanded={editing}
        aria-controls={editing ? editId : undefined}
        aria-label={`Edit webhook ${hook.url}`}
        onClick={() => {
          setNewSecret(null);
          setEditing((e) => !e);
        }}
      >
        Edit
      </button>
      <button type="button" disabled={toggle.isPending} aria-label={`${hook.active ? 'Pause' : 'Resume'} webhook ${hook.url}`} onClick={() => toggle.mutate()}>
        {hook.active ? 'Pause' : 'Resume'}
      </button>
      {confirming ? (
        <span className="row">
          <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Delete webhook and its deliveries
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" aria-label={`Delete webhook ${hook.url}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
      {editing && (
        <EditWebhookForm
          ws={ws}
          hook={hook}
          id={editId}
          onCancel={closeEdit}
          onSaved={(secret) => {
            setNewSecret(secret);
            closeEdit();
          }}
        />
      )}
      {newSecret !== null && (
        <SecretShownOnce label={`New secret of ${hook.url}`} secret={newSecret} onDone={() => setNewSecret(null)}>
          <strong>Copy the new signing secret of {hook.url} now:</strong> it is shown only this once, and signs the deliveries from now on.
        </SecretShownOnce>
      )}
      {toggle.error !== null && <ErrorNote error={toggle.error} />}
      {remove.error !== null && <ErrorNote error={remove.error} />}
      {open && <WebhookDeliveries ws={ws} webhookId={hook.id} url={hook.url} id={deliveriesId} />}
    </li>
  );
}
