// The report's only style sheet, inline: system fonts only (no font files to load), and print rules
// so a PDF keeps headings with what follows and never cuts a row or an event in two.
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 32px 48px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1a1d21; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #d7dce2; }
h3 { font-size: 14px; margin: 16px 0 6px; }
.muted { color: #5b6470; }
.mono, code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11.5px; }
.hash { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 10.5px; word-break: break-all; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
.meta dt { color: #5b6470; }
.meta dd { margin: 0; }
.evidence { border: 2px solid #2d6a4f; border-radius: 6px; padding: 10px 14px; margin: 16px 0; background: #f1f8f4; }
.evidence strong { color: #2d6a4f; }
.evidence pre { white-space: pre-wrap; margin: 6px 0 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid #e3e7ec; }
th { background: #f3f5f7; font-weight: 600; font-size: 12px; }
td.num, th.num { text-align: right; white-space: nowrap; }
.event { border: 1px solid #d7dce2; border-left: 4px solid #4361ee; border-radius: 4px; padding: 8px 10px; margin: 8px 0; }
.event .head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; }
.event .what { font-weight: 600; }
.event .note { white-space: pre-wrap; background: #fff8e1; border-left: 3px solid #f4a100; padding: 4px 8px; margin: 6px 0; }
.ref { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 10.5px; white-space: nowrap; }
td.time { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11px; white-space: nowrap; }
.tag { display: inline-block; padding: 0 6px; border-radius: 8px; background: #e7ecff; color: #2b3a8c; font-size: 11px; margin-right: 4px; }
.bm { color: #b5179e; font-weight: 600; }
.outcome-failure, .outcome-denied { color: #b00020; font-weight: 600; }
.outcome-warning { color: #9a6700; font-weight: 600; }
.prov { margin-top: 4px; color: #3c4450; }
.level { display: inline-block; min-width: 78px; font-weight: 600; text-transform: uppercase; font-size: 11px; }
.level-critical, .level-high { color: #b00020; }
.level-medium { color: #9a6700; }
.chart { width: 100%; height: auto; border: 1px solid #e3e7ec; }
.chart rect { fill: #4361ee; }
.chart text { font: 10px system-ui, sans-serif; fill: #5b6470; }
.diff-kind-added { color: #1b7f3b; }
.diff-kind-removed { color: #b00020; }
.diff-kind-changed { color: #9a6700; }
td pre { white-space: pre-wrap; word-break: break-word; margin: 0; }
a { color: #2b3a8c; }
footer { margin-top: 32px; color: #5b6470; font-size: 11px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  tr, .event, .evidence, .chart, dl, .block { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  section.major { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
`;
