/**
 * A sheet's Markdown body as blocks an elderly reader can read: headings, paragraphs and list
 * items, with no Markdown marks left ("## 给谁看" → a heading "给谁看", "- …" → a list item).
 */
export interface SheetBlock {
  kind: "heading" | "paragraph" | "item";
  text: string;
}

/** Emphasis, links and code keep only their words. */
const plain = (s: string): string =>
  s
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a, b) => a ?? b)
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .trim();

export function sheetBlocks(markdown: string): SheetBlock[] {
  const blocks: SheetBlock[] = [];
  for (const raw of markdown.replace(/\r\n/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^[-*+]\s+(.*)$/.exec(line);
    if (heading) blocks.push({ kind: "heading", text: plain(heading[1]) });
    else if (item) blocks.push({ kind: "item", text: plain(item[1]) });
    else blocks.push({ kind: "paragraph", text: plain(line.replace(/^>\s?/, "")) });
  }
  return blocks.filter((b) => b.text);
}
