import { config } from "../config";
import { storage } from "./storage";

/** The server said no: `message` is its Chinese sentence, meant to be shown as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Which field the answer is about, when it names one (`details.field` or the first of `details.issues`). */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** The request never got an answer (no signal, timeout): the page offers 重试. */
export class NetworkError extends Error {
  constructor(readonly errMsg: string) {
    super("网络不好，没有连上。请检查网络后点“重试”");
  }
}

/** A step on the phone itself failed or was refused (wx.login, privacy); `message` is for the user. */
export class PhoneError extends Error {}

type Method = "GET" | "POST";

export interface RequestOptions {
  body?: object;
  headers?: Record<string, string>;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { field?: string; issues?: Array<{ field?: string | null; message?: string }> } };
}

/**
 * The one wrapper over wx.request every page uses: base URL from config, the bearer token
 * from storage, JSON both ways; an `{error}` answer rejects with ApiError, no answer with NetworkError.
 */
export function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const token = storage.token();
  const header: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (token) header.Authorization = `Bearer ${token}`;
  return new Promise<T>((resolve, reject) => {
    wx.request({
      url: config.apiBaseUrl + path,
      method,
      data: opts.body,
      header,
      dataType: "json",
      timeout: 20_000,
      success(res) {
        const data = res.data as unknown;
        if (res.statusCode >= 200 && res.statusCode < 300) return resolve(data as T);
        const error = (data as ErrorBody | null)?.error;
        // An expired session is forgotten so the next call signs in again.
        if (error?.code === "session_invalid" || error?.code === "unauthorized") storage.clearSession();
        const issue = error?.details?.issues?.[0];
        const field = error?.details?.field ?? issue?.field ?? null;
        reject(new ApiError(res.statusCode, error?.code ?? "http_error", error?.message ?? `服务器出错了（${res.statusCode}），请稍后再试`, field));
      },
      fail(err) {
        reject(new NetworkError(err.errMsg));
      },
    });
  });
}

export const get = <T>(path: string) => request<T>("GET", path);
export const post = <T>(path: string, body?: object, headers?: Record<string, string>) => request<T>("POST", path, { body: body ?? {}, headers });

/** The sentence to show for any failure of a call. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError || err instanceof NetworkError || err instanceof PhoneError) return err.message;
  return "出了点问题，请稍后再试";
}

/** A path with its query string: each given value, URI-encoded; left-out values are left out. */
export function withQuery(path: string, query: object): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return pairs.length ? `${path}?${pairs.join("&")}` : path;
}
