// 工单: the board with its filters (grid, category, state, overdue, urgent, dates), the search box,
// paging, and the CSV of every match under the same filters.
import { explain, get, query } from '../api.js';
import { clear, field, h, messageLine, select } from '../dom.js';
import { loadCategories, loadOrganization } from '../directory.js';
import { S } from '../strings.js';
import { ticketTable } from '../ticket_table.js';

const pageSize = 50;
// Kept while the console is open, so coming back from a ticket shows the same board.
const remembered = { grid: '', category: '', state: '', overdue: false, urgent: false, from: '', to: '', q: '', offset: 0 };

export function boardPage(main) {
  const b = S.board;
  const f = remembered;
  const grid = select([['', S.common.all]], { name: 'grid' });
  const category = select([['', S.common.all]], { name: 'category' });
  const stateSelect = select([['', S.common.all], ['open', S.states.open],
    ...['accepted', 'claimed', 'suspended', 'resolved', 'closed', 'cancelled'].map((s) => [s, S.states[s]])], { name: 'state' });
  const overdue = h('input', { type: 'checkbox', name: 'overdue' });
  const urgent = h('input', { type: 'checkbox', name: 'urgent' });
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const q = h('input', { type: 'search', name: 'q', placeholder: b.qPlaceholder });
  const exportLink = h('a', { class: 'button', download: 'tickets.csv' }, S.common.exportCsv);
  const message = messageLine();
  const results = h('div', { class: 'results' });

  const controls = { grid, category, state: stateSelect, from, to, q };
  function show() {
    for (const [key, el] of Object.entries(controls)) el.value = f[key];
    overdue.checked = f.overdue;
    urgent.checked = f.urgent;
  }
  function read() {
    for (const [key, el] of Object.entries(controls)) f[key] = el.value.trim();
    f.overdue = overdue.checked;
    f.urgent = urgent.checked;
  }
  const filters = () => ({ grid: f.grid, category: f.category, state: f.state, overdue: f.overdue, urgent: f.urgent,
    from: f.from, to: f.to, q: f.q });

  async function load() {
    message.clear();
    exportLink.href = `/api/v1/tickets.csv${query(filters())}`;
    clear(results, h('p', { class: 'muted' }, S.common.loading));
    try {
      const page = await get(`/api/v1/tickets${query({ ...filters(), limit: pageSize, offset: f.offset })}`);
      const pages = Math.max(1, Math.ceil(page.total / pageSize));
      const current = Math.floor(f.offset / pageSize) + 1;
      clear(results,
        h('p', { class: 'muted' }, S.common.total(page.total)),
        ticketTable(page.tickets, { label: b.table }),
        pages > 1 ? h('div', { class: 'pager' },
          h('button', { type: 'button', disabled: current <= 1, onclick: () => { f.offset -= pageSize; load(); } }, S.common.prev),
          h('span', null, S.common.page(current, pages)),
          h('button', { type: 'button', disabled: current >= pages, onclick: () => { f.offset += pageSize; load(); } }, S.common.next)) : null);
    } catch (error) {
      clear(results);
      message.error(explain(error));
    }
  }

  const form = h('form', { class: 'filters', 'aria-label': b.filters, onsubmit: (e) => { e.preventDefault(); read(); f.offset = 0; load(); } },
    field(b.grid, grid), field(b.category, category), field(b.state, stateSelect),
    field(b.from, from), field(b.to, to), field(b.q, q),
    h('label', { class: 'check' }, overdue, b.overdue),
    h('label', { class: 'check' }, urgent, b.urgent),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit' }, S.common.search),
      h('button', { type: 'button', onclick: () => { Object.assign(f, { grid: '', category: '', state: '', overdue: false, urgent: false, from: '', to: '', q: '', offset: 0 }); show(); load(); } }, S.common.reset),
      exportLink));

  clear(main, h('h1', null, b.title), form, message.nodes, results);
  show();
  loadOrganization().then((org) => {
    grid.append(...org.grids.map((g) => h('option', { value: g.id }, g.name)));
    grid.value = f.grid;
  });
  loadCategories().then((list) => {
    category.append(...list.map((c) => h('option', { value: c.id }, c.name)));
    category.value = f.category;
  });
  load();
}
