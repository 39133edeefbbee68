import { useEffect, useState, type FormEvent } from 'react';
import { isApiError } from '../../../sdk/index.js';
import { useSession } from '../session.js';
import { Button, ErrorAlert, Notice, TextField } from '../ui/index.js';

export function SignInPage({ notice }: { notice: string | null }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    document.title = 'Sign in · Punchclock';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(new Error(!email.trim() ? 'Enter your email address.' : 'Enter your password.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
    } catch (e) {
      setError(e);
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <p className="brand-big" aria-hidden="true">
        Punchclock
      </p>
      <h1>Sign in</h1>
      <Notice tone="info">{notice}</Notice>
      {isApiError(error, 401) ? (
        <div className="alert error" role="alert">
          <p>
            <strong>The email or password is not correct.</strong>
          </p>
          <p>Check them and try again. After several failed attempts, signing in is paused for a while.</p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="actions">
          <Button type="submit" busy={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </div>
      </form>
      <p className="muted">
        New deployment? <a href="/setup">Set up your company</a>. Scripts use the{' '}
        <a href="/v2/docs">v2 API</a>.
      </p>
    </main>
  );
}
