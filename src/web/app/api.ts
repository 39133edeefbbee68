/**
 * The one SDK client of the web app: same origin, signed in by the session cookie (HttpOnly; the SDK adds
 * X-CSRF-Token to every change). The web app reaches the server only through it.
 */
import { PunchclockClient } from '../../sdk/index.js';

export const api = new PunchclockClient({ auth: { kind: 'session', csrfToken: null } });
