/**
 * Who is signed in, with their Me record, the company and the operations the server offers. Everything
 * else in the app reads these from here.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError, type Company, type User, type WebSession } from '../../sdk/index.js';
import { api } from './api.js';

export interface SignedIn {
  session: WebSession;
  me: User;
  company: Company;
  /** `"GET /v2/Clients"`-style operations of this server (from its OpenAPI document). */
  operations: Set<string>;
}

type State =
  | { status: 'loading' }
  | { status: 'signed-out'; notice: string | null }
  | ({ status: 'signed-in'; justSignedIn: boolean } & SignedIn)
  | { status: 'failed'; error: unknown };

interface SessionValue {
  state: State;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** After a 401 in the middle of work: back to the sign-in form, keeping the page. */
  expired: () => void;
  setMe: (me: User) => void;
  setCompany: (company: Company) => void;
  retry: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

async function load(session: WebSession): Promise<SignedIn> {
  const [me, company, operations] = await Promise.all([
    api.me.get(),
    api.company.get(),
    api.operations().catch(() => new Set<string>()),
  ]);
  return { session, me, company, operations };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.web
      .session()
      .then(load)
      .then(
        (signedIn) => live && setState({ status: 'signed-in', justSignedIn: false, ...signedIn }),
        (error: unknown) => {
          if (!live) return;
          if (isApiError(error, 401)) setState({ status: 'signed-out', notice: null });
          else setState({ status: 'failed', error });
        },
      );
    return () => {
      live = false;
    };
  }, [attempt]);

  const signIn = useCallback(async (email: string, password: string) => {
    const session = await api.web.signIn(email, password);
    setState({ status: 'signed-in', justSignedIn: true, ...(await load(session)) });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.web.signOut();
    } catch {
      // Signed out on the server already (expired): the form is what matters.
    }
    setState({ status: 'signed-out', notice: 'You have signed out.' });
  }, []);

  const expired = useCallback(
    () => setState({ status: 'signed-out', notice: 'Your session has ended. Please sign in again.' }),
    [],
  );
  const setMe = useCallback((me: User) => setState((s) => (s.status === 'signed-in' ? { ...s, me } : s)), []);
  const setCompany = useCallback(
    (company: Company) => setState((s) => (s.status === 'signed-in' ? { ...s, company } : s)),
    [],
  );
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((a) => a + 1);
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signOut, expired, setMe, setCompany, retry }),
    [state, signIn, signOut, expired, setMe, setCompany, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in state; only for pages rendered inside the signed-in layout. */
export function useSignedIn(): SignedIn & Omit<SessionValue, 'state'> {
  const { state, ...rest } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn while not signed in');
  return { ...state, ...rest };
}

/** Whether the server offers an operation (`"GET /v2/Clients"`): pages show real data only when it does. */
export const has = (s: SignedIn, op: string) => s.operations.has(op);

export const isAdmin = (me: User) => me.SecurityLevel === 'ADMIN';
export const isManagerOrAdmin = (me: User) => me.SecurityLevel === 'ADMIN' || me.SecurityLevel === 'MANAGER';
