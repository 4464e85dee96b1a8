// 通知: compose a notice (scope by community or grid, or everything the sender answers for; own
// words or a template with its fields; whether residents must reply 收到, and by when) and the
// list of notices with their acknowledgement rates.
import { explain, get, post } from '../api.js';
import { clear, field, h, messageLine, select } from '../dom.js';
import { loadOrganization } from '../directory.js';
import { time } from '../format.js';
import { S } from '../strings.js';

const N = S.notices;
const statusName = (s) => N.status[s] ?? s ?? S.common.none;

function noticeRow(n) {
  const g = n.groups ?? {};
  return h('tr', null,
    h('td', null, h('a', { href: `#/notices/${n.id}` }, `#${n.id}`)),
    h('td', null, statusName(n.status)),
    h('td', null, n.sender_name ?? n.sender ?? S.common.none),
    h('td', null, time(n.sent_at ?? n.send_at ?? n.created_at)),
    h('td', { class: 'text' }, n.text ?? S.common.none),
    h('td', null, `${g.delivered ?? 0}/${g.targeted ?? 0}`),
    h('td', null, n.require_ack ? String(n.acknowledged ?? 0) : S.common.none),
    h('td', null, n.require_ack ? S.percent(n.rate) : S.common.none));
}

// templates: GET /api/v1/notice-templates — [{id, name, fields: [{id, label}], languages}].
function composeForm(org, templates, message) {
  const all = h('input', { type: 'checkbox', name: 'all' });
  const box = (kind, item) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: kind, value: item.id }), item.name);
  const communities = org.communities.map((c) => box('communities', c));
  const grids = org.grids.map((g) => box('grids', g));
  const byId = new Map(templates.map((t) => [t.id, t]));
  const template = select([['', N.noTemplate], ...templates.map((t) => [t.id, t.name])], { name: 'template' });
  const text = h('textarea', { name: 'text', rows: 4 });
  const fields = h('div', { class: 'template-fields' });
  const textField = field(N.text, text);
  const requireAck = h('input', { type: 'checkbox', name: 'require_ack' });
  const deadline = h('input', { type: 'datetime-local', name: 'deadline' });
  const high = h('input', { type: 'checkbox', name: 'priority' });
  const inputs = {};

  template.addEventListener('change', () => {
    const t = byId.get(template.value);
    textField.hidden = Boolean(t);
    clear(fields, t ? t.fields.map((f) => field(f.label, inputs[f.id] = h('input', { name: f.id }))) : []);
  });

  const checked = (nodes) => nodes.map((n) => n.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
  async function send(event) {
    event.preventDefault();
    message.clear();
    const scope = all.checked ? { all: true } : { communities: checked(communities), grids: checked(grids) };
    if (!scope.all && !scope.communities.length && !scope.grids.length) return message.error(N.needScope);
    const body = { scope, require_ack: requireAck.checked, priority: high.checked ? 'high' : 'normal' };
    const t = byId.get(template.value);
    if (t) {
      body.template = template.value;
      body.fields = Object.fromEntries(t.fields.map((f) => [f.id, inputs[f.id].value.trim()]));
    } else {
      if (!text.value.trim()) return message.error(N.needText);
      body.text = text.value.trim();
    }
    if (requireAck.checked && deadline.value) body.deadline = Math.floor(new Date(deadline.value).getTime() / 1000);
    try {
      const sent = await post('/api/v1/notices', body);
      message.ok(N.sent(sent.id));
      location.hash = `#/notices/${sent.id}`;
    } catch (error) {
      message.error(explain(error));
    }
  }

  return h('form', { class: 'compose', 'aria-labelledby': 'compose-title', onsubmit: send },
    h('h2', { id: 'compose-title' }, N.compose),
    h('fieldset', null, h('legend', null, N.scope),
      h('label', { class: 'check' }, all, N.scopeAll),
      communities.length ? h('div', { role: 'group', 'aria-label': N.communities }, h('span', { class: 'muted' }, N.communities), communities) : null,
      grids.length ? h('div', { role: 'group', 'aria-label': N.grids }, h('span', { class: 'muted' }, N.grids), grids) : null),
    field(N.useTemplate, template), fields, textField,
    h('label', { class: 'check' }, requireAck, N.requireAck),
    field(N.deadline, deadline),
    h('label', { class: 'check' }, high, N.priority),
    h('button', { type: 'submit' }, N.send));
}

export function noticesPage(main, { viewer }) {
  // Notices go out as the viewer's member; a supervisor, or a user acting for no member, reads only.
  const maySend = viewer.role !== 'supervisor' && Boolean(viewer.member);
  const message = messageLine();
  const list = h('div', null, h('p', { class: 'muted' }, S.common.loading));
  const compose = h('div');
  const c = N.columns;
  clear(main, h('h1', null, N.title), message.nodes, compose, h('h2', null, N.list), list);
  if (maySend)
    Promise.all([loadOrganization(), get('/api/v1/notice-templates')])
      .then(([org, templates]) => clear(compose, composeForm(org, templates ?? [], message)))
      .catch((error) => message.error(explain(error)));
  get('/api/v1/notices').then((data) => {
    const notices = Array.isArray(data) ? data : data?.notices ?? [];
    if (!notices.length) return clear(list, h('p', { class: 'empty' }, S.common.empty));
    clear(list, h('table', { 'aria-label': N.list },
      h('thead', null, h('tr', null, [c.id, c.status, c.sender, c.sentAt, c.text, c.groups, c.acknowledged, c.rate].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, notices.map(noticeRow))));
  }).catch((error) => { clear(list); message.error(explain(error)); });
}
