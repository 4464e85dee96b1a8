// 预警 (监测预警): bursts of one kind of report in one place, newest first, each with its tickets.
import { explain, get } from '../api.js';
import { clear, h, messageLine } from '../dom.js';
import { or, time } from '../format.js';
import { S } from '../strings.js';

export function alertsPage(main) {
  const A = S.alerts;
  const message = messageLine();
  const results = h('div', null, h('p', { class: 'muted' }, S.common.loading));
  async function load() {
    message.clear();
    try {
      const { alerts } = await get('/api/v1/alerts');
      if (!alerts.length) return clear(results, h('p', { class: 'empty' }, S.common.empty));
      clear(results, h('table', { 'aria-label': A.table },
        h('thead', null, h('tr', null, [A.raised, A.category, A.place, A.count, A.window, A.tickets].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, alerts.map((a) => h('tr', null,
          h('td', null, time(a.raised_at)),
          h('td', null, or(a.category_name ?? a.category)),
          h('td', null, [a.community, a.grid, a.building].filter(Boolean).join(' · ') || S.common.none),
          h('td', null, String(a.count)),
          h('td', null, S.duration(a.window ?? 0)),
          h('td', null, (a.tickets ?? []).map((n) => [h('a', { href: `#/tickets/${n}` }, `#${n}`), ' '])))))));
    } catch (error) {
      clear(results);
      message.error(explain(error));
    }
  }
  clear(main, h('h1', null, A.title), h('p', { class: 'muted' }, A.hint),
    h('button', { type: 'button', onclick: load }, S.common.refresh), message.nodes, results);
  load();
}
