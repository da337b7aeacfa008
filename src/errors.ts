/**
 * The one error type of the domain: a stable snake_case code for programs, a Chinese
 * message for people, and the HTTP status the error middleware answers with.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (code = "unauthorized", message = "请先登录") => new AppError(401, code, message);
export const forbidden = (code = "forbidden", message = "您没有权限做这件事") => new AppError(403, code, message);
export const notFound = (code = "not_found", message = "没有找到您要的内容") => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string) => new AppError(422, code, message);
/** A 429 the error middleware answers with a Retry-After header. */
export class TooManyRequests extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message, { retryAfterSeconds });
  }
}
export const tooManyRequests = (code: string, message: string, retryAfterSeconds = 60) => new TooManyRequests(code, message, retryAfterSeconds);

/** Throws a 404 when the value is missing; narrows the type otherwise. */
export function assertFound<T>(value: T | null | undefined, message?: string): asserts value is T {
  if (value === null || value === undefined) throw notFound("not_found", message);
}
