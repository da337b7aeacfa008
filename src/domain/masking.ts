/** How ID and phone numbers are shown in lists and details (DESIGN.md, Privacy). */
export const maskIdNumber = (id: string): string => (id.length < 10 ? "****" : id.slice(0, 6) + "*".repeat(id.length - 10) + id.slice(-4));

export const maskPhone = (phone: string): string => (phone.length < 7 ? "****" : phone.slice(0, 3) + "****" + phone.slice(-4));

/** Keeps the family name only: 张三丰 → 张** */
export const maskName = (name: string): string => (name.length <= 1 ? name : name[0] + "*".repeat(name.length - 1));

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export const isMobilePhone = (phone: string): boolean => /^1[3-9]\d{9}$/.test(phone);
