// The one ticket table: the board, the overdue board and the figures' drill-downs all list
// tickets the same way (the API's ticket summaries, bot/console/ticket_json).
import { h } from './dom.js';
import { S } from './strings.js';
import { or, state, time } from './format.js';

export function ticketTable(tickets, { label, lateness = false } = {}) {
  if (!tickets.length) return h('p', { class: 'empty' }, S.common.empty);
  const c = S.columns;
  const headings = [c.number, c.state, c.category, c.text, c.grid, c.building, c.owner, c.created,
    lateness ? c.lateness : c.overdue];
  return h('table', { 'aria-label': label },
    h('thead', null, h('tr', null, headings.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', null, tickets.map((t) => h('tr', { class: t.overdue ? 'late' : null },
      h('td', null, h('a', { href: `#/tickets/${t.number}` }, `#${t.number}`)),
      h('td', null, state(t.state)),
      h('td', null, or(t.category_name ?? t.category), t.urgent ? h('span', { class: 'badge urgent' }, S.badge.urgent) : null),
      h('td', { class: 'text' }, or(t.text)),
      h('td', null, or(t.grid_name ?? t.grid)),
      h('td', null, or(t.building)),
      h('td', null, or(t.owner_name ?? t.owner)),
      h('td', null, time(t.created_at)),
      h('td', null, lateness ? S.duration(t.lateness ?? 0)
        : t.overdue ? h('span', { class: 'badge overdue' }, S.badge.overdue) : ''),
    ))));
}
