/** The keyboard shortcuts every page lists (in its footer) and `/static/keys.js` acts on. */
export const shortcuts: [keys: string, what: string, href?: string][] = [
  ['?', 'show or hide these shortcuts (Esc hides them)'],
  ['/', 'search'],
  ['g d', 'my day', '/'],
  ['g m', 'meetings', '/m'],
  ['g t', 'team', '/team'],
  ['g i', 'insights', '/insights'],
  ['g p', 'plans', '/plans'],
];

/**
 * Served at /static/keys.js: `?` opens the shortcuts' list, `/` goes to the search box, `g`
 * then a letter goes to a page. Keys typed into a field are the field's.
 */
export const keysScript = `"use strict";
(() => {
  const go = ${JSON.stringify(Object.fromEntries(shortcuts.filter((s) => s[2]).map(([k, , href]) => [k.slice(-1), href])))};
  let pending = false;
  document.addEventListener("keydown", (event) => {
    const t = event.target;
    const list = document.getElementById("shortcuts");
    if (event.key === "Escape" && list && list.open) { list.open = false; return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (pending) {
      pending = false;
      if (go[event.key]) { event.preventDefault(); location.assign(go[event.key]); }
      return;
    }
    if (event.key === "g") { pending = true; return; }
    if (event.key === "/") {
      const box = document.getElementById("search-box");
      if (box) { event.preventDefault(); box.focus(); }
      return;
    }
    if (event.key === "?") {
      if (list) { event.preventDefault(); list.open = !list.open; if (list.open) list.querySelector("summary").focus(); }
    }
  });
})();
`;
