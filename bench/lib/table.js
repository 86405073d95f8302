'use strict'
// The report: one table per section, cells "wall ms / peak RSS MiB", then the ratios of the
// wall times, then why any cell is empty.

const RATIOS = [
  ['ours/node', 'ours', 'node'],
  ['ours/floor', 'ours', 'floor'],
  ['ours/lockdown', 'ours', 'lockdown'],
  ['ref/node', 'ref', 'node'],
  ['ref/ours', 'ref', 'ours'],
  ['peer/ours', 'peer', 'ours'],
]

// A section of throughputs (`metric: 'rps'`, the servers): higher is better, so its ratios put
// ours on top, the reverse of the times' `ref/ours`. The last is of CPU time per request (lower
// is better, as for times): what ours spends per request over what the floor spends.
const RPS_RATIOS = [
  ['ours/node', 'ours', 'node'],
  ['ours/lockdown', 'ours', 'lockdown'],
  ['ours/ref', 'ours', 'ref'],
  ['ours/baseline', 'ours', 'baseline'],
  ['CPU ours/lockdown', 'ours', 'lockdown', 'cpuUsPerRequest'],
]

function formatCell(cell, footnotes) {
  if (cell.unavailable) return 'n/a'
  if (cell.error) {
    footnotes.push(cell.error)
    return `failed [${footnotes.length}]`
  }
  if (cell.rps !== undefined) {
    const cpu = cell.cpuUsPerRequest === undefined ? '' : `, ${cell.cpuUsPerRequest.toFixed(0)} µs CPU`
    return `${cell.rps.toFixed(0)} req/s, p99 ${cell.p99} ms${cpu}`
  }
  // rssMiB null: a time that is not a process's (no RSS to go with it).
  if (cell.rssMiB === null) return `${cell.ms.toFixed(0)} ms`
  const rss = cell.rssMiB === undefined ? '?' : cell.rssMiB.toFixed(0)
  return `${cell.ms.toFixed(0)} ms / ${rss} MiB`
}

function ratio(cells, numerator, denominator, metric) {
  const a = cells[numerator]?.[metric]
  const b = cells[denominator]?.[metric]
  if (!a || !b) return '-'
  return `${(a / b).toFixed(2)}x`
}

function renderSection(section, runnerIds) {
  const footnotes = []
  const unavailable = new Map()
  // A runner a section does not run (lockdown for autopolicy, ref for ES module apps) gets no column.
  const ran = (id) => section.rows.some((row) => row.cells[id])
  const columns = [...runnerIds, 'floor'].filter(ran)
  const hasFiles = section.rows.some((row) => row.files !== undefined)
  const metric = section.metric ?? 'ms'
  const ratios = (metric === 'rps' ? RPS_RATIOS : RATIOS).filter(([, a, b]) => columns.includes(a) && columns.includes(b))
  const header = ['case', ...(hasFiles ? ['files'] : []), ...columns, ...ratios.map(([name]) => name)]
  const lines = section.rows.map((row) => {
    for (const [id, cell] of Object.entries(row.cells)) {
      if (cell.unavailable) unavailable.set(id, cell.unavailable)
    }
    return [
      row.case,
      ...(hasFiles ? [row.files === undefined ? '-' : String(row.files)] : []),
      ...columns.map((id) => (row.cells[id] ? formatCell(row.cells[id], footnotes) : '-')),
      ...ratios.map(([, a, b, own]) => ratio(row.cells, a, b, own ?? metric)),
    ]
  })
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)))
  const pad = (line) => line.map((text, i) => text.padEnd(widths[i])).join('  ').trimEnd()
  const out = [section.title, pad(header), pad(widths.map((w) => '-'.repeat(w))), ...lines.map(pad)]
  for (const row of section.rows) if (row.title) out.push(`  ${row.case}: ${row.title}`)
  const idsByReason = new Map()
  for (const [id, reason] of unavailable) idsByReason.set(reason, [...(idsByReason.get(reason) ?? []), id])
  for (const [reason, ids] of idsByReason) out.push(`  ${ids.join(', ')}: not available (${reason})`)
  footnotes.forEach((reason, i) => out.push(`  [${i + 1}] ${reason}`))
  if (section.note) out.push(`  ${section.note}`)
  return out.join('\n')
}

function renderReport(report) {
  const { machine, runs, runners } = report
  const head = [
    `lavamoat bench, ${report.date}: median of ${runs} run(s); cells are wall time / peak RSS`,
    `machine: ${machine.cpus} x ${machine.cpuModel}; ${runners.filter((id) => !id.startsWith('ours@')).join(', ')} on Node ${machine.node24}` +
      (runners.some((id) => id.startsWith('ours@')) ? `; ours@${machine.systemNode.split('.')[0].slice(1)} on Node ${machine.systemNode}` : ''),
  ]
  return [head.join('\n'), ...report.sections.map((section) => renderSection(section, runners))].join('\n\n')
}

module.exports = { renderReport }
