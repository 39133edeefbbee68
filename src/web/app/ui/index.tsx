/** Small accessible building blocks: labelled fields, alerts, pager, copy button, page title. */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { describeError } from '../errors.js';
import { useSession } from '../session.js';

// ——— page title: sets document.title, takes focus after navigation ———

export function PageTitle({
  children,
  title,
  actions,
}: {
  children: ReactNode;
  title?: string;
  actions?: ReactNode;
}) {
  const text = title ?? (typeof children === 'string' ? children : 'Punchclock');
  useEffect(() => {
    document.title = `${text} · Punchclock`;
  }, [text]);
  return (
    <div className="page-head">
      <h1 id="page-title" tabIndex={-1}>
        {children}
      </h1>
      {actions}
    </div>
  );
}

// ——— fields ———

interface FieldShell {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

function useFieldIds(error: string | undefined, hint: ReactNode) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, describedBy: describedBy || undefined };
}

function Extras({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </>
  );
}

export function TextField({
  label,
  hint,
  error,
  ...input
}: FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const { id, describedBy } = useFieldIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  ...input
}: FieldShell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const { id, describedBy } = useFieldIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  error,
  options,
  ...select
}: FieldShell & { options: readonly Option[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  const { id, describedBy } = useFieldIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

export function CheckboxField({
  label,
  hint,
  error,
  ...input
}: FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>) {
  const { id, describedBy } = useFieldIds(error, hint);
  return (
    <div className="field">
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
        <span>{label}</span>
      </label>
      <Extras id={id} hint={hint} error={error} />
    </div>
  );
}

// ——— buttons ———

export function Button({
  busy = false,
  variant = 'primary',
  className,
  children,
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  busy?: boolean;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
}) {
  const classes = [variant === 'primary' ? '' : variant, className ?? ''].join(' ').trim() || undefined;
  return (
    <button
      type="button"
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {children}
    </button>
  );
}

/** Copies text to the clipboard and says so to screen readers. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const copy = async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      // Clipboard API refused (insecure origin or permissions): fall back to a selection copy.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      area.remove();
    }
    setState(ok ? 'copied' : 'failed');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 2500);
  };
  return (
    <>
      <Button variant="secondary" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : label}
      </Button>
      <span role="status" className="visually-hidden">
        {state === 'copied'
          ? 'Copied to the clipboard.'
          : state === 'failed'
            ? 'Could not copy; select the text and copy it.'
            : ''}
      </span>
    </>
  );
}

// ——— messages ———

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { expired } = useSession();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const d = describeError(error);
  const extra = d.messages.filter((m) => m !== d.title);
  return (
    <div className="alert error" role="alert" tabIndex={-1} ref={ref}>
      <p>
        <strong>{d.title}</strong>
      </p>
      {extra.length === 1 ? <p>{extra[0]}</p> : null}
      {extra.length > 1 ? (
        <ul>
          {extra.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
      {d.requestId ? <p className="muted">Request ID: {d.requestId}</p> : null}
      {d.status === 401 ? (
        <p>
          <Button variant="link" onClick={expired}>
            Sign in again
          </Button>
        </p>
      ) : null}
      {onRetry ? (
        <p>
          <Button variant="link" onClick={onRetry}>
            Try again
          </Button>
        </p>
      ) : null}
    </div>
  );
}

export function Notice({ children, tone = 'ok' }: { children: ReactNode; tone?: 'ok' | 'info' | 'warn' }) {
  if (!children) return null;
  return (
    <div className={`alert ${tone}`} role="status">
      {children}
    </div>
  );
}

/** A polite live region that is always in the DOM, so that changes are announced. */
export function LiveStatus({ message }: { message: string | null }) {
  return (
    <p role="status" className={message ? 'alert ok' : 'visually-hidden'}>
      {message ?? ''}
    </p>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="spinner" role="status">
      {what}…
    </p>
  );
}

// ——— paging ———

export function Pager({
  offset,
  limit,
  count,
  onChange,
  noun = 'items',
}: {
  offset: number;
  limit: number;
  count: number;
  onChange: (offset: number) => void;
  noun?: string;
}) {
  const first = count === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, count);
  return (
    <nav className="pager" aria-label="Pages">
      <span aria-live="polite">
        {count === 0 ? `No ${noun}` : `Showing ${first}–${last} of ${count} ${noun}`}
      </span>
      <span className="actions" style={{ marginTop: 0 }}>
        <Button
          variant="secondary"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          Previous<span className="visually-hidden"> page</span>
        </Button>
        <Button variant="secondary" disabled={last >= count} onClick={() => onChange(offset + limit)}>
          Next<span className="visually-hidden"> page</span>
        </Button>
      </span>
    </nav>
  );
}

export function Placeholder({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <div className="placeholder">
        <p>
          <strong>Not available yet.</strong> {children}
        </p>
        <p className="muted">
          Nothing on this page is made up: it will show your real data once the server offers this part of the
          API.
        </p>
      </div>
    </>
  );
}
