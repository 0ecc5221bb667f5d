// The public API at /api/v1 with the session token; every failure is an ApiError in the API's one error shape.
const BASE = '/api/v1';
const KEY = 'aisora.token';

export class ApiError extends Error {
  constructor(status, code, message, retryAfter, detail) {
    super(message || code);
    this.status = status; this.code = code; this.retryAfter = retryAfter; this.detail = detail || {};
  }
}

export const session = {
  get token() { return sessionStorage.getItem(KEY); },
  set token(t) { if (t) sessionStorage.setItem(KEY, t); else sessionStorage.removeItem(KEY); },
};

export async function call(method, path, body, opts = {}) {
  const headers = {};
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  let payload;
  if (body instanceof Blob) { payload = body; headers['Content-Type'] = body.type || 'application/octet-stream'; }
  else if (body !== undefined) { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  let res;
  try { res = await fetch(BASE + path, { method, headers, body: payload }); }
  catch (e) { throw new ApiError(0, 'network', 'The platform cannot be reached. Check your connection and try again.'); }
  if (!res.ok) {
    let err = {};
    try { err = (await res.json()).error || {}; } catch (e) { /* not JSON */ }
    const retry = res.headers.get('Retry-After');
    if (res.status === 401 && session.token && !opts.keepSession) { session.token = null; }
    throw new ApiError(res.status, err.code || 'http_' + res.status, err.message, retry ? Number(retry) : undefined, err);
  }
  if (opts.blob) return res.blob();
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (p, o) => call('GET', p, undefined, o);
export const post = (p, b, o) => call('POST', p, b, o);

/** An object URL for a protected file (img and video cannot send the bearer token themselves). */
export async function objectUrl(path) {
  return URL.createObjectURL(await call('GET', path, undefined, { blob: true }));
}

/** Saves a protected file under a name, through an object URL. */
export async function download(path, name) {
  const url = await objectUrl(path);
  const a = document.createElement('a');
  a.href = url; a.download = name; document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
