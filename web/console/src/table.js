// A labelled table of text cells: every list in the console that is not a ticket list.
import { h } from './dom.js';
import { S } from './strings.js';

export function dataTable(label, headings, rows) {
  if (!rows.length) return h('p', { class: 'empty' }, S.common.empty);
  return h('table', { 'aria-label': label },
    h('thead', null, h('tr', null, headings.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((cell) => h('td', null, cell ?? S.common.none))))));
}
