// The one way the console talks to gridbot: same-origin fetches carrying the session cookie.
// A failure becomes an ApiError holding the API's own reason ({"error": ...}) or, when the answer
// is not the API's JSON, a sentence from strings.js: never a stack or a server page.
import { S } from './strings.js';

export class ApiError extends Error {
  constructor(status, reason, retryAfter) {
    super(reason);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

let onSignedOut = () => {};
export function whenSignedOut(callback) { onSignedOut = callback; }

export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (typeof body === 'string') {
    init.headers['Content-Type'] = 'text/csv; charset=utf-8';
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, S.errors.network);
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (response.ok) return data;
  // A session that expired while a page was open: back to the sign-in page.
  if (response.status === 401 && path !== '/api/v1/session') onSignedOut();
  const reason = data && typeof data.error === 'string' ? data.error : S.errors.status(response.status);
  throw new ApiError(response.status, reason, response.headers.get('Retry-After'));
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);

// A query string from the non-empty entries of `params`.
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// The sentence shown for a failed call: the API's reason after the desk's lead-in.
export function explain(error) {
  if (!(error instanceof ApiError)) return S.errors.prefix + S.errors.status('?');
  if (error.status === 403) return S.errors.forbidden + error.message;
  if (error.status === 404) return S.errors.notFound + error.message;
  if (error.status === 0) return error.message;
  return S.errors.prefix + error.message;
}
