/** The rule for a password staff choose themselves; the message says what to change. */
export const MIN_PASSWORD_LENGTH = 8;

export function newPasswordProblem(password: string, current: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `新密码至少要${MIN_PASSWORD_LENGTH}位`;
  if (password.length > 128) return "新密码太长了（不能超过128位）";
  if (password === current) return "新密码不能和原密码一样";
  if (/^\d+$/.test(password) || /^[a-zA-Z]+$/.test(password)) return "新密码要同时有字母和数字";
  if (new Set(password).size < 4) return "新密码太简单了，请换一个不容易猜的";
  return null;
}
