// The report page: text only, escaped; styles inline; a CSP that lets nothing load or run. Every
// event links to its line in the evidence index, which gives its row hash (as in the export's
// manifest) and where it came from (source file, its SHA-256, line and byte span).
import type { EventRow } from '../../../shared/event';
import { REPORT_CSP } from '../../../shared/report';
import { describeQuery } from '../../../shared/describe-query';
import type { ManifestRow, ManifestSource } from '../export/manifest';
import type { ReportData } from './collect';
import { esc, text } from './html';
import { histogramSvg } from './histogram-svg';
import { REPORT_CSS } from './report-css';

export interface ReportEvidence {
  /** The evidence folder's name, beside the HTML file. */
  dirName: string;
  manifestSha256: string;
  rows: Map<string, ManifestRow>;
  sources: ManifestSource[];
}

export interface ReportHead {
  title: string;
  generatedAt: string;
  version: string;
}

const ref = (id: string, rows: ReportEvidence['rows']) => {
  const h = rows.get(id)?.sha256 ?? '';
  return `<a href="#ev-${esc(id)}" class="ref" title="row SHA-256 ${esc(h)}">#${esc(id)} ${esc(h.slice(0, 12))}</a>`;
};

const what = (e: EventRow) =>
  `<span class="what">${esc(e.action ?? '(no action)')}</span> <span>by ${esc(e.actor ?? '(no actor)')}</span>` +
  (e.targetId ? ` <span class="muted">on ${esc(e.targetType ? `${e.targetType} ` : '')}${esc(e.targetId)}</span>` : '');

const outcome = (e: EventRow) => `<span class="outcome-${esc(e.outcome)}">${esc(e.outcome)}</span>`;

function eventRowsTable(events: (EventRow & { offsetMs?: number | null })[], ev: ReportEvidence, offsets = false): string {
  const head = `<tr>${offsets ? '<th class="num">+ms</th>' : ''}<th>Time (UTC)</th><th>Event</th><th>Outcome</th><th>Source</th><th>Row</th></tr>`;
  const body = events
    .map(
      (e) =>
        `<tr>${offsets ? `<td class="num">${e.offsetMs ?? ''}</td>` : ''}<td class="time">${esc(e.time ?? e.timeOriginal ?? '(no time)')}</td><td>${what(e)}</td><td>${outcome(e)}</td><td>${esc(e.source)}</td><td>${ref(e.id, ev.rows)}</td></tr>`,
    )
    .join('\n');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function annotatedSection(d: ReportData, ev: ReportEvidence): string {
  if (!d.annotated.length) return '<p class="muted">No event of the case is bookmarked, tagged or noted.</p>';
  const more =
    d.annotatedTotal > d.annotated.length ? `<p class="muted">${d.annotatedTotal - d.annotated.length} more annotated events are not shown.</p>` : '';
  const cards = d.annotated
    .map((a) => {
      const e = a.event;
      const marks = `${a.bookmarked ? '<span class="bm">★ bookmarked</span> ' : ''}${a.tags.map((t) => `<span class="tag">${esc(t)}</span>`).join('')}`;
      return `<article class="event" data-event-id="${esc(e.id)}">
<div class="head"><span class="mono">${esc(e.time ?? e.timeOriginal ?? '(no time)')}</span>${what(e)}${outcome(e)}${marks}</div>
${a.note ? `<div class="note">${esc(a.note)}</div>` : ''}
<div class="prov">${ref(e.id, ev.rows)} · ${esc(e.vendor)} · ${esc(e.source)}${e.ip ? ` · ip ${esc(e.ip)}` : ''}${e.requestId ? ` · request ${esc(e.requestId)}` : ''}</div>
</article>`;
    })
    .join('\n');
  return cards + more;
}

function findingsSection(d: ReportData, ev: ReportEvidence): string {
  if (!d.detect) return '<p class="muted">Detection rules have not been run on this case (auditdesk detect, or the Findings panel).</p>';
  const head = `<p>${d.detect.rules.length} rule${d.detect.rules.length === 1 ? '' : 's'} matched (run over ${d.detect.events} events on ${esc(d.detect.ranAt)}${d.detect.rulesDir ? `, bundled rules and ${esc(d.detect.rulesDir)}` : ', bundled rules'}). Rules from SigmaHQ are under the Detection Rule License; authors are named with each rule.</p>`;
  const rules = d.detect.rules
    .map(
      (r) => `<h3><span class="level level-${esc(r.level)}">${esc(r.level)}</span> ${esc(r.title)} <span class="muted">(${r.hits} events)</span></h3>
<p class="muted">rule ${esc(r.id)} by ${esc(r.author || 'unknown')} · ${esc(r.file)}${r.hits > r.samples.length ? ` · first ${r.samples.length} shown; all with auditdesk query CASE --finding ${esc(r.id)}` : ''}</p>
${eventRowsTable(r.samples, ev)}`,
    )
    .join('\n');
  return head + rules;
}

function tracesSection(d: ReportData, ev: ReportEvidence): string {
  return d.traces
    .map(
      (t) =>
        `<h3>Request ${esc(t.value)} <span class="muted">(${t.events.length} events${t.truncated ? ', more not shown' : ''}; ${esc(t.vendors.join(', '))})</span></h3>${eventRowsTable(t.events, ev, true)}`,
    )
    .join('\n');
}

function diffsSection(d: ReportData, ev: ReportEvidence): string {
  return d.diffs
    .map(({ event, diff }) => {
      const rows = diff.changes.length
        ? diff.changes
            .map(
              (c) =>
                `<tr><td class="mono">${esc(c.path)}</td><td class="diff-kind-${c.kind}">${c.kind}</td><td><pre>${esc(text(c.before))}</pre></td><td><pre>${esc(text(c.after))}</pre></td></tr>`,
            )
            .join('\n')
        : '<tr><td colspan="4" class="muted">The event carries no before/after state.</td></tr>';
      return `<div class="block"><h3>${what(event)} <span class="mono">${esc(event.time ?? '')}</span> ${ref(event.id, ev.rows)}</h3>
<table><thead><tr><th>Path</th><th>Change</th><th>Before</th><th>After</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    })
    .join('\n');
}

function indexSection(d: ReportData, ev: ReportEvidence): string {
  const rows = [...d.cited.values()]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((e) => {
      const r = ev.rows.get(e.id);
      const s = r ? ev.sources[r.source] : undefined;
      const span =
        r?.line != null ? `line ${r.line}, bytes ${r.offset}–${(r.offset ?? 0) + (r.length ?? 0)}` : r?.url ? `${esc(r.url)} page ${r.page} #${r.index}` : '';
      return `<tr id="ev-${esc(e.id)}" data-event-id="${esc(e.id)}" data-row-sha256="${esc(r?.sha256 ?? '')}">
<td class="num">${esc(e.id)}</td><td class="mono">${esc(e.time ?? '')}</td>
<td><div class="hash">row ${esc(r?.sha256 ?? 'missing from the export')}</div>${r?.rawSha256 ? `<div class="hash muted">raw record ${esc(r.rawSha256)}</div>` : ''}</td>
<td>${esc(s?.originalName ?? s?.name ?? e.source)}<div class="hash muted">file SHA-256 ${esc(s?.sha256 ?? '')}</div><div class="muted">${span}</div></td></tr>`;
    })
    .join('\n');
  return `<p>Each row: the event's id in the case, the SHA-256 of its row in ${esc(ev.dirName)}/events.jsonl (as listed in manifest.json), the SHA-256 of the record as stored, and where it was read from.</p>
<table><thead><tr><th class="num">Event</th><th>Time (UTC)</th><th>Hashes</th><th>Source, line and bytes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderReport(d: ReportData, ev: ReportEvidence, head: ReportHead): string {
  const evidence = `<div class="evidence" data-testid="evidence">
<strong>Evidence:</strong> the ${d.cited.size} events this report cites are in <span class="mono">${esc(ev.dirName)}/</span> beside this file, exported with their manifest.
<div>manifest.json SHA-256: <span class="hash" id="manifest-sha256">${esc(ev.manifestSha256)}</span></div>
<pre>sha256sum ${esc(ev.dirName)}/manifest.json     # must print the hash above
auditdesk verify ${esc(ev.dirName)}          # or: node ${esc(ev.dirName)}/verify.mjs</pre>
</div>`;
  const section = (id: string, title: string, body: string, major = false) =>
    `<section id="${id}"${major ? ' class="major"' : ''}><h2>${esc(title)}</h2>${body}</section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(head.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(head.title)}</h1>
<dl class="meta">
<dt>Case</dt><dd>${esc(d.caseName)}</dd>
<dt>Generated</dt><dd>${esc(head.generatedAt)} by AuditDesk ${esc(head.version)}</dd>
<dt>Filter</dt><dd>${esc(describeQuery(d.query))}</dd>
<dt>Cited events</dt><dd>${d.cited.size} (${d.annotated.length} annotated, ${d.traces.length} traces, ${d.diffs.length} diffs, ${d.detect?.rules.length ?? 0} findings)</dd>
</dl>
${evidence}
</header>
${section('timeline', 'Events over time (the filter)', histogramSvg(d.histogram))}
${d.includeFindings ? section('findings', 'Findings (detection rules)', findingsSection(d, ev)) : ''}
${section('annotated', 'Bookmarked, tagged and noted events', annotatedSection(d, ev))}
${d.traces.length ? section('traces', 'Traces', tracesSection(d, ev)) : ''}
${d.diffs.length ? section('diffs', 'Changes (before / after)', diffsSection(d, ev)) : ''}
${section('index', 'Evidence index', indexSection(d, ev), true)}
<footer>This file is self-contained: it loads nothing and runs no script. Its events are checked against the evidence export with the manifest hash above.</footer>
</body>
</html>
`;
}
