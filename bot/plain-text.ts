/**
 * WeChat shows text as typed: Markdown marks would show up as "##" and "**". Headings become
 * 【…】, list dashes become "·", emphasis and links keep only their words.
 */
export function markdownToChat(markdown: string): string {
  return markdown
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) return `【${heading[1].trim()}】`;
      return line.replace(/^(\s*)[-*+]\s+/, "$1· ").replace(/^(\s*)>\s?/, "$1");
    })
    .join("\n")
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a, b) => a ?? b)
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
