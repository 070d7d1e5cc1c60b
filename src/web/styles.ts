/** The one stylesheet, served at /static/app.css: readable on a phone, no framework. */
export const stylesheet = `
:root { --ink: #1d2430; --muted: #5b6575; --line: #dde2ea; --accent: #1f5fbf; --warn: #a4400c; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header.top { background: #fff; border-bottom: 1px solid var(--line); }
header.top .bar { max-width: 44rem; margin: 0 auto; padding: .75rem 1rem; display: flex; align-items: center; gap: 1rem; }
header.top .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
header.top .bar { flex-wrap: wrap; }
header.top .who { margin-left: auto; color: var(--muted); font-size: .9rem; }
nav.sections { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
nav.sections a { text-decoration: none; }
nav.sections a[aria-current="page"] { font-weight: 700; text-decoration: underline; text-underline-offset: .3em; }
h3 { font-size: .95rem; margin: .9rem 0 .3rem; color: var(--muted); }
select { font: inherit; padding: .5rem .6rem; border: 1px solid #b8c0cc; border-radius: .4rem; background: #fff; }
form.stack.wide { max-width: none; }
label.check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
fieldset { border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .75rem; margin: 0; }
legend { font-weight: 600; font-size: .95rem; padding: 0 .25rem; }
.buttons { display: flex; gap: .5rem; flex-wrap: wrap; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
ol.notes { list-style: none; margin: 0 0 .75rem; padding: 0; }
ol.notes li { padding: .4rem 0; border-top: 1px solid var(--line); }
ol.notes li:first-child { border-top: 0; }
p.line { margin: 0; }
p.becomes { margin: .15rem 0 0 .75rem; color: var(--muted); font-size: .93rem; }
.fix { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: .3rem 0 0 .75rem; }
form.row { display: flex; gap: .4rem; align-items: center; }
form.row input { padding: .3rem .5rem; }
.preview-box { background: var(--bg); border: 1px dashed #b8c0cc; border-radius: .4rem; padding: .4rem .75rem; min-height: 2.4rem; }
.preview-box p { margin: .2rem 0; }
p.coach { margin: .2rem 0 0 .75rem; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: .9rem 1rem; margin: 0 0 1rem; }
ul.items { list-style: none; margin: 0; padding: 0; }
ul.items li { padding: .4rem 0; border-top: 1px solid var(--line); }
ul.items li:first-child { border-top: 0; }
.id { color: var(--muted); font-size: .85rem; margin-right: .4rem; }
.meta { color: var(--muted); font-size: .9rem; }
.flag { color: var(--warn); font-size: .9rem; }
.empty { color: var(--muted); margin: 0; }
form.stack { display: grid; gap: .75rem; max-width: 22rem; }
label { display: grid; gap: .25rem; font-weight: 600; font-size: .95rem; }
label .meta { font-weight: 400; }
.field { display: grid; gap: .25rem; }
input { font: inherit; padding: .55rem .65rem; border: 1px solid #b8c0cc; border-radius: .4rem; }
button { font: inherit; padding: .55rem 1rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; cursor: pointer; }
button.link { background: none; color: var(--accent); padding: 0; }
nav.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 0 0 1rem; }
article.mail pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: .5rem 0 0; padding-top: .5rem; border-top: 1px solid var(--line); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; }
section.card form.stack { margin: 0 0 1.25rem; }
button.secondary { background: #fff; color: var(--ink); border: 1px solid #b8c0cc; }
button.small { padding: .3rem .8rem; font-size: .9rem; }
li.step { display: flex; gap: .75rem; align-items: flex-start; justify-content: space-between; }
form.inline { margin: 0; }
details.more { border-top: 1px solid var(--line); padding: .6rem 0 0; margin: 0 0 .6rem; }
details.more summary { cursor: pointer; color: var(--accent); font-weight: 600; margin: 0 0 .6rem; }
ol.timeline { margin: 0; padding-left: 1.2rem; }
ol.timeline li { margin: 0 0 .4rem; }
ol.timeline time { color: var(--muted); font-size: .9rem; }
p.saved { color: #14532d; background: #effaf2; border: 1px solid #b7e4c7; border-radius: .4rem; padding: .5rem .75rem; }
p.error { color: var(--warn); background: #fff4ee; border: 1px solid #f3c9b3; border-radius: .4rem; padding: .5rem .75rem; }
.scroll { overflow-x: auto; }
table.numbers { border-collapse: collapse; width: 100%; background: #fff; font-size: .93rem; }
table.numbers th, table.numbers td { padding: .4rem .5rem; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
table.numbers th:first-child, table.numbers td:first-child { text-align: left; }
table.numbers thead th { font-weight: 600; color: var(--muted); vertical-align: bottom; }
table.numbers thead th a { color: inherit; }
table.numbers tbody th { font-weight: 400; }
svg.spark polyline { fill: none; stroke: var(--accent); stroke-width: 1.6; }
svg.spark circle { fill: var(--accent); }
.plot { min-height: 1rem; margin: 0 0 .75rem; }
form.row .inline-label { display: inline; }
main.wide { max-width: 64rem; }
form.search input { padding: .35rem .6rem; width: 10rem; font-size: .9rem; }
footer.bottom { max-width: 44rem; margin: 0 auto 2rem; padding: 0 1rem; color: var(--muted); font-size: .9rem; }
footer.bottom summary { cursor: pointer; }
kbd { font: .85rem ui-monospace, monospace; border: 1px solid #b8c0cc; border-bottom-width: 2px; border-radius: .3rem; padding: 0 .35rem; background: #fff; }
.actions { display: flex; flex-direction: column; align-items: flex-end; gap: .3rem; }
details.inplace summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
details.inplace[open] { min-width: 14rem; }
details.inplace form { margin: .4rem 0 0; }
`;
