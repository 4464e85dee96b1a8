// 通知进度: delivery to the groups, acknowledgement rates per grid, who has not replied 收到 yet,
// and why a copy failed. Refreshes itself every 5 seconds while open, so the desk watches the
// rate rise as residents reply.
import { explain, get } from '../api.js';
import { clear, h, messageLine } from '../dom.js';
import { time } from '../format.js';
import { S } from '../strings.js';
import { dataTable as table } from '../table.js';

const N = S.notices;

// Who has not replied 收到, group by group (each grid's `non_responders`): names only.
function nonResponders(grids) {
  const groups = (grids ?? []).flatMap((g) => g.non_responders ?? []).filter((x) => x.people?.length);
  if (!groups.length) return h('p', { class: 'empty' }, N.everyoneReplied);
  return h('ul', { 'aria-label': N.nonResponders }, groups.map((x) => h('li', null,
    h('strong', null, x.group_name ?? x.group), '：', x.people.map((p) => p.name || p.id).join('、'),
    ` ${N.peopleCount(x.people.length)}`)));
}

export function noticeProgressPage(main, _context, id) {
  const message = messageLine();
  const body = h('div', null, h('p', { class: 'muted' }, S.common.loading));

  function show(n) {
    const g = n.groups ?? {};
    clear(body,
      n.text ? h('p', { class: 'resident-text' }, n.text) : null,
      h('section', { 'aria-labelledby': 'delivery-title' }, h('h2', { id: 'delivery-title' }, N.delivery),
        h('dl', { class: 'facts' },
          [[N.targeted, g.targeted], [N.delivered, g.delivered], [N.failed, g.failed], [N.pending, g.pending], [N.reached, n.reached],
            [N.deadlineAt, n.require_ack ? time(n.deadline) : S.common.none]]
            .map(([term, value]) => [h('dt', null, term), h('dd', null, String(value ?? S.common.none))]))),
      n.require_ack ? h('section', null, h('h2', null, N.ackByGrid),
        table(N.ackByGrid, [S.org.grid, N.people, N.columns.acknowledged, N.columns.rate],
          (n.grids ?? []).map((x) => [x.name ?? x.grid, String(x.people ?? 0), String(x.acknowledged ?? 0), S.percent(x.rate)])),
        h('h2', null, N.nonResponders), nonResponders(n.grids)) : null,
      n.failures?.length ? h('section', null, h('h2', null, N.failures),
        table(N.failures, [N.failureGroup, N.failureReason], n.failures.map((f) => [f.group_name ?? f.group, f.reason]))) : null);
  }

  async function load() {
    try {
      show(await get(`/api/v1/notices/${id}`));
      message.clear();
    } catch (error) {
      message.error(explain(error));
    }
  }

  clear(main, h('p', null, h('a', { href: '#/notices' }, N.back)), h('h1', null, N.progress(id)),
    h('p', { class: 'muted' }, N.autoRefresh, ' ', h('button', { type: 'button', onclick: load }, S.common.refresh)),
    message.nodes, body);
  load();
  const timer = setInterval(load, 5000);
  return () => clearInterval(timer);
}
