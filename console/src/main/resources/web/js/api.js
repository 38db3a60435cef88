// JSON over fetch with the session cookie; writes carry the CSRF token from GET /api/v1/session.
let csrf = null;

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.field = body && body.field;
  }
}

export function setCsrf(token) {
  csrf = token;
}

export async function api(method, path, body, contentType = 'application/json') {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = contentType === 'application/json' ? JSON.stringify(body) : body;
  }
  const r = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!r.ok) {
    const err = new ApiError(r.status, json);
    if (r.status === 401 && path !== '/api/v1/session') window.dispatchEvent(new Event('signed-out'));
    throw err;
  }
  return json;
}

export const enc = encodeURIComponent;
