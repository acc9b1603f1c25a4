// The workspace's default approval policy (specs may override it; docs/reviews.md).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useReviewPolicy, wsPath, type PolicySettings } from '../../api/workspace-queries';
import { ErrorNote, Loading } from '../../components/Status';

const CHECKS: [keyof PolicySettings, string][] = [
  ['requireAllRequired', 'Every required reviewer must approve'],
  ['authorCannotApprove', 'Authors cannot approve their own specs'],
  ['lintClean', 'No lint errors (every required section filled in)'],
  ['noBlockingThreads', 'No open blocking comment threads'],
  ['signedApproval', 'Approvals are signed with the reviewer’s password'],
];

export function PolicySettingsForm({ ws }: { ws: string }) {
  const policy = useReviewPolicy(ws);
  if (policy.isPending) return <Loading />;
  if (policy.error !== null) return <ErrorNote error={policy.error} />;
  return <PolicyForm ws={ws} initial={policy.data} />;
}

function PolicyForm({ ws, initial }: { ws: string; initial: PolicySettings }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: () => api<PolicySettings>(`${wsPath(ws)}/review-policy`, { method: 'PATCH', body: draft }),
    onSuccess: async (saved) => {
      setDraft(saved);
      client.setQueryData(['review-policy', ws], saved);
      // Spec review panels show the policy in words: they read it again.
      await client.invalidateQueries({ queryKey: ['review'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Approval policy</h2>
      <p className="muted">The default for every spec of the workspace; admins can override it for one spec.</p>
      <form className="stack settings-form" aria-label="Approval policy" onSubmit={submit}>
        <label>
          Required approvals
          <input type="number" min={0} max={50} value={draft.minApprovals} onChange={(e) => setDraft({ ...draft, minApprovals: Number(e.target.value) })} />
        </label>
        {CHECKS.map(([field, label]) => (
          <label key={field} className="inline">
            <input type="checkbox" checked={draft[field] === true} onChange={(e) => setDraft({ ...draft, [field]: e.target.checked })} />
            {label}
          </label>
        ))}
        {draft.signedApproval && (
          <label>
            Meaning of a signature
            <textarea rows={2} maxLength={1000} value={draft.signatureMeaning} onChange={(e) => setDraft({ ...draft, signatureMeaning: e.target.value })} />
          </label>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save policy
          </button>
          {save.isSuccess && <span role="status">Policy saved.</span>}
        </div>
      </form>
      {save.error !== null && <ErrorNote error={save.error} />}
    </section>
  );
}
