// 工单详情: what the ticket is, its full timeline (the audit trail), and the desk's actions on it:
// 指派 (assign to a member), 转派 (move to another grid), 督办 (an instruction the responsible
// member hears), 备注 (a note in the trail only). Each action answers with the ticket as it is now.
import { explain, get, post } from '../api.js';
import { clear, field, h, messageLine, select } from '../dom.js';
import { loadOrganization } from '../directory.js';
import { eventKind, or, rating, state, time } from '../format.js';
import { S } from '../strings.js';

function details(t) {
  const k = S.ticket;
  const rows = [
    [S.columns.state, state(t.state)],
    [S.columns.category, or(t.category_name ?? t.category)],
    [S.columns.urgent, t.urgent ? S.common.yes : S.common.no],
    [S.columns.grid, or(t.grid_name ?? t.grid)],
    [S.columns.building, or(t.building)],
    [S.columns.owner, or(t.owner_name ?? t.owner)],
    [k.claimedBy, or(t.claimed_by)],
    [k.reporter, or(t.reporter_name)],
    [k.platform, or(t.source_platform)],
    [k.group, or(t.group)],
    [S.columns.created, time(t.created_at)],
    [k.claimDue, time(t.claim_due_at)],
    [k.resolveDue, time(t.resolve_due_at)],
    [k.resolvedAt, time(t.resolved_at)],
    [S.columns.lateness, t.overdue ? S.duration(t.lateness ?? 0) : S.common.none],
    [k.escalation, or(t.escalation_level)],
    [k.urges, or(t.urges)],
    [k.duplicates, or(t.duplicates)],
    [k.rating, rating(t.rating)],
    [k.resolution, or(t.resolution)],
  ];
  return h('section', { 'aria-label': k.details },
    h('p', { class: 'resident-text' }, or(t.text)),
    h('dl', { class: 'facts' }, rows.map(([term, value]) => [h('dt', null, term), h('dd', null, value)])));
}

function timeline(events) {
  return h('section', { 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, S.ticket.timeline),
    h('ol', { class: 'timeline', 'aria-label': S.ticket.timeline }, (events ?? []).map((e) => h('li', null,
      h('time', null, time(e.at)), ' ',
      h('strong', null, eventKind(e.kind)), ' ',
      h('span', null, or(e.actor_name ?? e.actor)),
      e.detail ? h('span', { class: 'detail' }, ' ', e.detail) : null))));
}

// One action's small form: its controls, its button, and what it posts.
function actionForm(title, controls, buttonText, build, run) {
  return h('form', { class: 'action', 'aria-label': title, onsubmit: (e) => { e.preventDefault(); run(build()); } },
    h('h3', null, title), controls, h('button', { type: 'submit' }, buttonText));
}

export function ticketPage(main, { viewer }, number) {
  // A supervisor supervises and adds notes; assigning and transferring are the desk's.
  const mayAssign = viewer.role !== 'supervisor';
  const k = S.ticket;
  const message = messageLine();
  const body = h('div', null, h('p', { class: 'muted' }, S.common.loading));
  const members = h('datalist', { id: 'members-list' });
  const grids = select([['', S.common.none]], { name: 'grid' });

  function show(t) {
    const member = h('input', { name: 'member', list: 'members-list', autocomplete: 'off' });
    const supervise = h('textarea', { name: 'supervise', rows: 2 });
    const note = h('textarea', { name: 'note', rows: 2 });
    async function act(payload) {
      message.clear();
      if (payload.action === 'assign' && !payload.member) return message.error(k.needMember);
      if (payload.action === 'transfer' && !payload.grid) return message.error(k.needGrid);
      if ((payload.action === 'supervise' || payload.action === 'note') && !payload.text) return message.error(k.needText);
      try {
        const now = await post(`/api/v1/tickets/${number}/actions`, payload);
        show(now);
        message.ok(k.done[payload.action]);
      } catch (error) {
        message.error(explain(error));
      }
    }
    clear(body, details(t), timeline(t.timeline),
      h('section', { class: 'actions', 'aria-labelledby': 'actions-title' },
        h('h2', { id: 'actions-title' }, k.actions),
        mayAssign ? actionForm(k.assign, field(k.assignTo, member), k.assign, () => ({ action: 'assign', member: member.value.trim() }), act) : null,
        mayAssign ? actionForm(k.transfer, field(k.transferTo, grids), k.transfer, () => ({ action: 'transfer', grid: grids.value }), act) : null,
        actionForm(k.supervise, field(k.superviseText, supervise), k.supervise, () => ({ action: 'supervise', text: supervise.value.trim() }), act),
        actionForm(k.note, field(k.noteText, note), k.addNote, () => ({ action: 'note', text: note.value.trim() }), act)));
  }

  clear(main, h('p', null, h('a', { href: '#/tickets' }, k.back)), h('h1', null, k.title(number)), message.nodes, body, members);
  loadOrganization().then((org) => {
    members.append(...org.members.map((m) => h('option', { value: m.id }, `${m.name}（${m.grid ?? m.community ?? m.street ?? ''}）`)));
    grids.append(...org.grids.map((g) => h('option', { value: g.id }, g.name)));
  });
  get(`/api/v1/tickets/${number}`).then(show).catch((error) => { clear(body); message.error(explain(error)); });
}
