// Cascading area pickers (乡镇 → 村) below the signed-in account's own area.
import { get } from "./api.js";
import { html } from "./dom.js";
import { AREA_PREFIX_LENGTH } from "./generated/constants.js";

const cache = new Map();
export async function children(code) {
  if (!cache.has(code))
    cache.set(
      code,
      get(`/api/areas/${code}/children`).then((r) => r.items),
    );
  return cache.get(code);
}

const levelOf = (code) => (code.endsWith("000000") ? "county" : code.endsWith("000") ? "township" : "village");

/**
 * Fills `el` with a township select (for a county account) and a village select.
 * Returns { value() } giving the most precise chosen code, or the root when nothing is chosen.
 */
export async function areaPicker(el, rootCode, { selected = "", allLabel = "全部" } = {}) {
  const rootLevel = levelOf(rootCode);
  if (rootLevel === "village") {
    el.innerHTML = "";
    return { value: () => rootCode };
  }
  el.innerHTML = html`${
      rootLevel === "county"
        ? html`<label
            >乡镇
            <select name="township">
              <option value="">${allLabel}</option>
            </select></label
          >`
        : ""
    }
    <label
      >村
      <select name="village">
        <option value="">${allLabel}</option>
      </select></label
    >`;
  const township = el.querySelector("select[name=township]");
  const village = el.querySelector("select[name=village]");
  const fillVillages = async (code) => {
    village.innerHTML = html`<option value="">${allLabel}</option>`;
    if (!code) return;
    for (const v of await children(code)) village.add(new Option(v.name, v.code));
  };
  if (township) {
    for (const t of await children(rootCode)) township.add(new Option(t.name, t.code));
    township.addEventListener("change", () => fillVillages(township.value));
    if (selected && selected !== rootCode) {
      township.value = selected.slice(0, AREA_PREFIX_LENGTH.township).padEnd(12, "0");
      await fillVillages(township.value);
    }
  } else {
    await fillVillages(rootCode);
  }
  if (selected && levelOf(selected) === "village") village.value = selected;
  return { value: () => village.value || township?.value || rootCode };
}
