import { errorText, NetworkError } from "../../utils/api";
import { policy } from "../../utils/api-client.generated";
import type { PolicySheet } from "../../utils/api-types.generated";
import { pageBehavior } from "../../utils/page-behavior";
import { sheetBlocks, type SheetBlock } from "../../utils/sheet-blocks";

/** One 政策明白纸: headings, paragraphs and lists (no Markdown marks), its questions and answers, and where it comes from. */
Component({
  behaviors: [pageBehavior],
  properties: { sheetId: { type: String, value: "" } },
  data: { sheet: null as PolicySheet | null, blocks: [] as SheetBlock[], error: "", offline: false },
  observers: {
    sheetId(id: string) {
      if (id) void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ error: "", offline: false });
      try {
        const sheet = await policy({ id: this.data.sheetId });
        this.setData({ sheet, blocks: sheetBlocks(sheet.body) });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
  },
});
