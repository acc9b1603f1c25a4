// Small shared pieces: loading and error notes, status badge, completeness bar, times.
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" role="status">
      {label}
    </p>
  );
}

/** An error in words, with the server's stable code when there is one. */
export function ErrorNote({ error }: { error: unknown }) {
  const text = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : 'Something went wrong';
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

const STATUS_WORDS: Record<string, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  superseded: 'Superseded',
};

/** A lifecycle state in words. */
export function statusLabel(status: string): string {
  return STATUS_WORDS[status] ?? status;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.replace(/[^a-z_]/g, '')}`}>{statusLabel(status)}</span>;
}

/** Lint completeness 0-100 as a bar with its number. */
export function Completeness({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <span className="completeness">
      <span className="bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className={`fill ${pct >= 80 ? 'good' : pct >= 40 ? 'fair' : 'low'}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="pct">{pct}%</span>
    </span>
  );
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", with the exact time on hover. */
export function TimeAgo({ iso }: { iso: string }) {
  const date = new Date(iso);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
    [12, 'month'],
    [Infinity, 'year'],
  ];
  let value = seconds;
  let text = '';
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) {
      text = relative.format(Math.round(value), unit);
      break;
    }
    value /= size;
  }
  return (
    <time dateTime={iso} title={date.toLocaleString()}>
      {text}
    </time>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
