// The review panel of the spec page: status, reviewers and their verdicts, the approval policy in
// words, and the workflow actions this user may take in this state (others are not shown).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { keys, specPath, useMembers } from '../api/queries';
import type { LintResult, Member, ReviewerEntry, ReviewView, Verdict } from '../api/types';
import { ErrorNote, StatusBadge, TimeAgo } from '../components/Status';

const VERDICT_WORDS: Record<string, string> = { approved: 'Approved', changes_requested: 'Changes requested', rejected: 'Rejected' };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What approval still needs, in words ("2 of 3 required approvals; 1 lint error blocks approval: ..."). */
export function policyWords(review: ReviewView, lint: LintResult | undefined): string {
  const names = new Map(review.reviewers.map((r) => [r.user.id, r.user.name]));
  const parts = review.unmet.map((u) => {
    const d = u.details ?? {};
    switch (u.check) {
      case 'min_approvals':
        return `${String(d.current)} of ${plural(Number(d.required), 'required approval', 'required approvals')}`;
      case 'required_reviewers': {
        const missing = Array.isArray(d.missing) ? d.missing.map((id) => names.get(String(id)) ?? 'someone') : [];
        return `waiting for ${missing.join(', ')}`;
      }
      case 'lint_errors': {
        const n = Number(d.errors);
        const why = (lint?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.message.replace(/\.$/, ''));
        return `${plural(n, 'lint error blocks', 'lint errors block')} approval${why.length > 0 ? `: ${why.slice(0, 3).join(', ')}` : ''}`;
      }
      case 'blocking_threads': {
        const threads = Array.isArray(d.threads) ? d.threads.length : 1;
        return `${plural(threads, 'blocking thread', 'blocking threads')} open`;
      }
      default:
        return u.message;
    }
  });
  return parts.join('; ');
}

function VerdictLine({ verdict }: { verdict: Verdict }) {
  const stale = verdict.verdict === 'approved' && !verdict.current;
  return (
    <li className={stale ? 'stale' : undefined}>
      <strong>{verdict.reviewer.name}</strong>: {VERDICT_WORDS[verdict.verdict] ?? verdict.verdict}
      {stale ? ' (stale: the text changed since)' : verdict.verdict === 'approved' ? ' (current)' : ''} <span className="muted">rev {verdict.revision}, </span>
      <TimeAgo iso={verdict.createdAt} />
      {verdict.summary !== null && verdict.summary !== '' && <q className="verdict-summary">{verdict.summary}</q>}
    </li>
  );
}

/** Reviewers with their verdicts, then the verdict history (dismissed and stale ones marked). */
export function Reviewers({ reviewers, verdicts }: { reviewers: ReviewerEntry[]; verdicts: Verdict[] }) {
  return (
    <>
      {reviewers.length === 0 ? (
        <p className="muted">No reviewers yet.</p>
      ) : (
        <ul className="reviewers" aria-label="Reviewers">
          {reviewers.map((r) => (
            <li key={r.user.id}>
              {r.user.name} <span className="muted">({r.role})</span>: {r.verdict === null ? 'no verdict yet' : (VERDICT_WORDS[r.verdict] ?? r.verdict)}
              {r.dueAt !== null && (
                <span className={r.overdue ? 'error' : 'muted'}>
                  {' '}
                  · due <TimeAgo iso={r.dueAt} />
                  {r.overdue ? ' (overdue)' : ''}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {verdicts.length > 0 && (
        <ul className="verdicts" aria-label="Verdicts">
          {verdicts.map((v) => (
            <VerdictLine key={v.id} verdict={v} />
          ))}
        </ul>
      )}
    </>
  );
}

interface PanelProps {
  ws: string;
  n: string;
  review: ReviewView;
  lint: LintResult | undefined;
  meId: string;
  writable: boolean;
}

export function ReviewPanel({ ws, n, review, lint, meId, writable }: PanelProps) {
  const client = useQueryClient();
  const [open, setOpen] = useState<'request' | 'verdict' | null>(null);
  const allowed = new Set(review.allowedActions);
  const isAuthor = review.spec.authorId === meId;
  const isReviewer = review.reviewers.some((r) => r.user.id === meId);
  const act = useMutation({
    mutationFn: async ({ path, body }: { path: string; body?: unknown }) => api<ReviewView>(`${specPath(ws, n)}${path}`, { method: 'POST', body }),
    onSuccess: async (view) => {
      client.setQueryData(keys.review(ws, n), view);
      setOpen(null);
      await Promise.all([client.invalidateQueries({ queryKey: keys.spec(ws, n) }), client.invalidateQueries({ queryKey: keys.versions(ws, n) }), client.invalidateQueries({ queryKey: keys.specs(ws) })]);
    },
  });
  const words = policyWords(review, lint);
  const inReview = review.version.status === 'in_review';

  return (
    <section className="review" aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      <p>
        Version {review.version.number}: <StatusBadge status={review.version.status} />
        {review.locked && <span className="muted"> · locked (revise to edit)</span>}
      </p>
      {inReview && (
        <p className="policy" role="status" aria-label="Approval policy">
          {words === '' ? 'Ready: the approval policy is met.' : words}
        </p>
      )}
      <Reviewers reviewers={review.reviewers} verdicts={review.verdicts} />
      {act.error !== null && <ErrorNote error={act.error} />}
      <div className="actions wrap">
        {writable && allowed.has('request_review') && (
          <button type="button" className="primary" onClick={() => setOpen(open === 'request' ? null : 'request')} aria-expanded={open === 'request'}>
            Request review
          </button>
        )}
        {isReviewer && inReview && (
          <button type="button" className="primary" onClick={() => setOpen(open === 'verdict' ? null : 'verdict')} aria-expanded={open === 'verdict'}>
            Give your verdict
          </button>
        )}
        {writable && isAuthor && allowed.has('withdraw') && (
          <button type="button" disabled={act.isPending} onClick={() => act.mutate({ path: '/withdraw' })}>
            Withdraw
          </button>
        )}
        {writable && allowed.has('revise') && (
          <button type="button" disabled={act.isPending} onClick={() => act.mutate({ path: '/revise' })}>
            Revise (new version)
          </button>
        )}
      </div>
      {open === 'request' && <RequestReviewForm ws={ws} n={n} review={review} meId={meId} onDone={() => setOpen(null)} />}
      {open === 'verdict' && <VerdictForm signed={review.policy.signedApproval === true} busy={act.isPending} onSubmit={(path, body) => act.mutate({ path, body })} />}
    </section>
  );
}

function VerdictForm({ signed, busy, onSubmit }: { signed: boolean; busy: boolean; onSubmit: (path: string, body: Record<string, string>) => void }) {
  const id = useId();
  const [message, setMessage] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  const body = (): Record<string, string> => (message.trim() === '' ? {} : { summary: message.trim() });
  return (
    <form className="stack review-form" aria-label="Your verdict" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-msg`}>
        Message <span className="muted">(required to reject)</span>
      </label>
      <textarea id={`${id}-msg`} rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
      {signed && (
        <label>
          Your password (signed approval)
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
      )}
      {problem !== '' && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions wrap">
        <button type="button" className="primary" disabled={busy} onClick={() => onSubmit('/review/approve', signed ? { ...body(), password } : body())}>
          Approve
        </button>
        <button type="button" disabled={busy} onClick={() => onSubmit('/review/request-changes', body())}>
          Request changes
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            if (message.trim() === '') return setProblem('Rejecting needs a reason: write it in the message.');
            setProblem('');
            onSubmit('/review/reject', body());
          }}
        >
          Reject
        </button>
      </div>
    </form>
  );
}

function RequestReviewForm({ ws, n, review, meId, onDone }: { ws: string; n: string; review: ReviewView; meId: string; onDone: () => void }) {
  const client = useQueryClient();
  const members = useMembers(ws);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(review.reviewers.map((r) => r.user.id)));
  const [due, setDue] = useState('');
  const send = useMutation({
    mutationFn: async () => {
      const base = specPath(ws, n);
      const dueAt = due === '' ? null : new Date(`${due}T23:59:59`).toISOString();
      for (const r of review.reviewers) {
        if (!chosen.has(r.user.id)) await api(`${base}/reviewers/${r.user.id}`, { method: 'DELETE' });
      }
      for (const id of chosen) await api(`${base}/reviewers/${id}`, { method: 'PUT', body: { role: 'required', dueAt } });
      return api<ReviewView>(`${base}/review/request`, { method: 'POST' });
    },
    onSuccess: async (view) => {
      client.setQueryData(keys.review(ws, n), view);
      onDone();
      await Promise.all([client.invalidateQueries({ queryKey: keys.spec(ws, n) }), client.invalidateQueries({ queryKey: keys.versions(ws, n) })]);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const candidates: Member[] = (members.data?.items ?? []).filter((m) => m.userId !== meId);
  return (
    <form className="stack review-form" aria-label="Request review" onSubmit={submit}>
      <fieldset>
        <legend>Reviewers</legend>
        {members.isPending && <p className="muted">Loading members…</p>}
        {candidates.length === 0 && !members.isPending && <p className="muted">No other members to ask.</p>}
        {candidates.map((m) => (
          <label key={m.userId} className="inline">
            <input
              type="checkbox"
              checked={chosen.has(m.userId)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(m.userId);
                else next.delete(m.userId);
                setChosen(next);
              }}
            />
            {m.name} <span className="muted">({m.role})</span>
          </label>
        ))}
      </fieldset>
      <label>
        Due date (optional)
        <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      {send.error !== null && <ErrorNote error={send.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={send.isPending || chosen.size === 0}>
          Send review request
        </button>
      </div>
    </form>
  );
}
