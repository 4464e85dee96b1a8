// 数据 (分析研判): the figures for a chosen period, each its own number (satisfied, basically
// satisfied, not satisfied and not rated are never folded into one rate), each number a button
// that lists the tickets behind it; by week and by category as charts, by grid as a table, and
// the ranking of grids (红黑榜).
import { explain, get, query } from '../api.js';
import { clear, field, h, messageLine, select } from '../dom.js';
import { loadOrganization } from '../directory.js';
import { isoDate } from '../format.js';
import { chart } from '../charts.js';
import { S } from '../strings.js';
import { dataTable } from '../table.js';
import { ticketTable } from '../ticket_table.js';

const counted = ['received', 'answered', 'resolved', 'confirmed', 'satisfied', 'basically_satisfied', 'unsatisfied',
  'unrated', 'awaiting_rating'];

// The label of a by_week / by_category / by_grid row: its name, else its first text field.
const labelOf = (row) => row.name ?? row.category_name ?? row.week ?? row.grid_name ??
  Object.values(row).find((v) => typeof v === 'string') ?? '';
const number = (row, key) => (typeof row[key] === 'object' && row[key] ? row[key].count : row[key]) ?? 0;

export function figuresPage(main) {
  const F = S.figures;
  // Empty at first: the API's default period (the last 30 days by the service's own clock and time
  // zone) is filled in from its answer.
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const grid = select([['', S.common.all]], { name: 'grid' });
  const exportLink = h('a', { class: 'button', download: 'figures.csv' }, S.common.exportCsv);
  const message = messageLine();
  const results = h('div');
  const drill = h('section', { 'aria-live': 'polite', class: 'drill' });

  const period = () => ({ from: from.value, to: to.value, grid: grid.value });

  async function showDrill(label, url) {
    try {
      const page = await get(url);
      clear(drill, h('h2', null, F.drill(label, page.total ?? page.tickets.length)), ticketTable(page.tickets, { label }));
      drill.scrollIntoView?.({ block: 'nearest' });
    } catch (error) {
      message.error(explain(error));
    }
  }
  const drillButton = (label, count, url) => h('button', { type: 'button', class: 'figure', 'aria-label': `${label} ${count}`,
    onclick: () => showDrill(label, url) }, h('span', { class: 'figure-count' }, String(count)), h('span', null, label));

  // An on-time rate with both of its numbers, each listing its tickets.
  function rateCard(label, r, figure) {
    const url = (which) => r?.[`${which}_tickets`] ?? `/api/v1/figures/tickets${query({ ...period(), figure: `${figure}_${which}` })}`;
    return h('div', { class: 'card' }, h('h3', null, label), h('p', { class: 'rate' }, S.percent(r?.rate)),
      h('div', { class: 'figures' },
        drillButton(F[`${figure}_on_time`], r?.on_time ?? 0, url('on_time')),
        drillButton(F[`${figure}_late`], r?.late ?? 0, url('late'))));
  }
  const timeCard = (label, t) => h('div', { class: 'card' }, h('h3', null, label),
    h('p', null, `${F.median}：${t?.median != null ? S.duration(t.median) : S.common.none}`),
    h('p', null, `${F.p90}：${t?.p90 != null ? S.duration(t.p90) : S.common.none}`));

  // Rows of objects, each column a [heading, cell of a row] pair.
  const rowsTable = (label, rows, columns) =>
    dataTable(label, columns.map(([title]) => title), (rows ?? []).map((row) => columns.map(([, cell]) => cell(row))));

  function show(fig) {
    if (fig.from) from.value = fig.from;
    if (fig.to) to.value = fig.to;
    const cards = counted.filter((key) => fig[key]).map((key) =>
      drillButton(F[key], fig[key].count ?? 0, fig[key].tickets ?? `/api/v1/figures/tickets${query({ ...period(), figure: key })}`));
    const weeks = fig.by_week ?? [];
    const categories = fig.by_category ?? [];
    const listName = (l) => (l === 'red' ? F.red : l === 'black' ? F.black : S.common.none);
    clear(results,
      h('section', { 'aria-labelledby': 'counts-title' }, h('h2', { id: 'counts-title' }, F.counts),
        h('p', { class: 'muted' }, F.drillHint), h('div', { class: 'figures' }, cards)),
      h('section', { class: 'cards' },
        rateCard(F.claimOnTime, fig.claim_on_time, 'claim'),
        rateCard(F.resolveOnTime, fig.resolve_on_time, 'resolve'),
        h('div', { class: 'card' }, h('h3', null, F.satisfiedRate), h('p', { class: 'rate' }, S.percent(fig.satisfied_rate)),
          h('p', { class: 'muted' }, F.satisfiedRateRule)),
        timeCard(F.claimTime, fig.claim_time),
        timeCard(F.resolveTime, fig.resolve_time)),
      h('section', { class: 'charts' },
        weeks.length ? chart(F.chartWeek, weeks.map(labelOf), [
          { name: F.received, type: 'bar', data: weeks.map((w) => number(w, 'received')) },
          { name: F.resolved, type: 'line', data: weeks.map((w) => number(w, 'resolved')) }]) : null,
        categories.length ? chart(F.chartCategory, categories.map(labelOf), [
          { name: F.received, type: 'bar', data: categories.map((c) => number(c, 'received')) }]) : null),
      h('section', null, h('h2', null, F.byGrid), rowsTable(F.byGrid, fig.by_grid, [
        [F.grid, labelOf], [F.received, (r) => number(r, 'received')], [F.answered, (r) => number(r, 'answered')],
        [F.resolved, (r) => number(r, 'resolved')], [F.satisfied, (r) => number(r, 'satisfied')],
        [F.basically_satisfied, (r) => number(r, 'basically_satisfied')], [F.unsatisfied, (r) => number(r, 'unsatisfied')],
        [F.unrated, (r) => number(r, 'unrated')], [F.resolveRate, (r) => S.percent(r.resolve_on_time_rate)],
        [F.satisfiedRate, (r) => S.percent(r.satisfied_rate)]])),
      h('section', null, h('h2', null, F.ranking),
        fig.ranking_min_tickets != null ? h('p', { class: 'muted' }, F.rankingRule(fig.ranking_min_tickets)) : null,
        rowsTable(F.ranking, fig.ranking, [
        [F.rank, (r) => r.rank ?? S.common.none], [F.grid, (r) => r.name ?? r.grid],
        [F.resolveRate, (r) => S.percent(r.resolve_on_time_rate)], [F.satisfiedRate, (r) => S.percent(r.satisfied_rate)],
        [F.list, (r) => h('span', { class: `badge ${r.list}` }, listName(r.list))]])));
  }

  // The last N days up to the end of the period shown (the service's today at first).
  function lastDays(days) {
    const end = to.value ? new Date(`${to.value}T00:00:00`) : new Date();
    to.value = isoDate(end);
    from.value = isoDate(new Date(end.getFullYear(), end.getMonth(), end.getDate() - (days - 1)));
    load();
  }

  async function load() {
    message.clear();
    clear(drill);
    exportLink.href = `/api/v1/figures.csv${query(period())}`;
    try {
      show(await get(`/api/v1/figures${query(period())}`));
    } catch (error) {
      clear(results);
      message.error(explain(error));
    }
  }

  clear(main, h('h1', null, F.title),
    h('form', { class: 'filters', 'aria-label': F.period, onsubmit: (e) => { e.preventDefault(); load(); } },
      field(F.from, from), field(F.to, to), field(F.grid, grid),
      h('div', { class: 'buttons' }, h('button', { type: 'submit' }, S.common.search),
        Object.entries(F.presets).map(([days, label]) => h('button', { type: 'button', onclick: () => lastDays(Number(days)) }, label)),
        exportLink)),
    message.nodes, results, drill);
  loadOrganization().then((org) => grid.append(...org.grids.map((g) => h('option', { value: g.id }, g.name))));
  load();
}
