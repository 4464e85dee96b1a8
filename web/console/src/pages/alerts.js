// 预警 (监测预警): bursts of one kind of report in one place, newest first, each with its tickets.
import { explain, get } from '../api.js';
import { clear, h, messageLine } from '../dom.js';
import { or, time } from '../format.js';
import { S } from '../strings.js';
import { dataTable } from '../table.js';

export function alertsPage(main) {
  const A = S.alerts;
  const message = messageLine();
  const results = h('div', null, h('p', { class: 'muted' }, S.common.loading));
  async function load() {
    message.clear();
    try {
      const { alerts } = await get('/api/v1/alerts');
      clear(results, dataTable(A.table, [A.raised, A.category, A.place, A.count, A.window, A.tickets], alerts.map((a) => [
        time(a.raised_at),
        or(a.category_name ?? a.category),
        [a.grid_name ?? a.grid, a.building].filter(Boolean).join(' · ') || S.common.none,
        String(a.count),
        S.duration(a.window ?? 0),
        (a.tickets ?? []).map((n) => [h('a', { href: `#/tickets/${n}` }, `#${n}`), ' ']),
      ])));
    } catch (error) {
      clear(results);
      message.error(explain(error));
    }
  }
  clear(main, h('h1', null, A.title), h('p', { class: 'muted' }, A.hint),
    h('button', { type: 'button', onclick: load }, S.common.refresh), message.nodes, results);
  load();
}
