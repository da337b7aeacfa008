// One wrapper over fetch for the JSON API: bearer token from sessionStorage, errors as ApiError.

const TOKEN_KEY = "yijian.console.token";

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Calls the API; `body` is JSON unless it is a Blob/File (sent as it is). */
export async function api(method, path, { body, params } = {}) {
  const headers = {};
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  let payload;
  if (body instanceof Blob) {
    payload = body;
    headers["content-type"] = body.type || "application/octet-stream";
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] = "application/json";
  }
  let res;
  try {
    res = await fetch(path + query(params), { method, headers, body: payload });
  } catch {
    throw new ApiError(0, "network", "连不上服务器，请检查网络后再试");
  }
  if (res.status === 401 && session.token) {
    session.clear();
    location.hash = "#/signin";
  }
  if (!res.ok) {
    const err = await res.json().catch(() => null);
    throw new ApiError(res.status, err?.error?.code ?? "http_error", err?.error?.message ?? `服务器出错了（${res.status}），请稍后再试`, err?.error?.details);
  }
  const type = res.headers.get("content-type") ?? "";
  return type.includes("application/json") ? res.json() : res;
}

export const get = (path, params) => api("GET", path, { params });
export const post = (path, body, params) => api("POST", path, { body, params });
export const patch = (path, body) => api("PATCH", path, { body });
export { query };
