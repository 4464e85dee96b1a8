// 超期: open tickets past a deadline, the latest first, with how long each is late.
import { explain, get } from '../api.js';
import { clear, h, messageLine } from '../dom.js';
import { S } from '../strings.js';
import { ticketTable } from '../ticket_table.js';

export function overduePage(main) {
  const message = messageLine();
  const results = h('div', { class: 'results' }, h('p', { class: 'muted' }, S.common.loading));
  async function load() {
    message.clear();
    try {
      const page = await get('/api/v1/tickets/overdue');
      clear(results, h('p', { class: 'muted' }, S.common.total(page.total ?? page.tickets.length)),
        ticketTable(page.tickets, { label: S.overdue.table, lateness: true }));
    } catch (error) {
      clear(results);
      message.error(explain(error));
    }
  }
  clear(main, h('h1', null, S.overdue.title), h('p', { class: 'muted' }, S.overdue.hint),
    h('button', { type: 'button', onclick: load }, S.common.refresh), message.nodes, results);
  load();
}
