// 组织's edit forms: a member, a grid or a group, saved with PUT (a member also removed with
// DELETE); the service applies each at once, without a restart, and answers which open tickets went
// to the grid head because their member left. One form builder for the three, driven by a list of
// fields.
import { api, explain } from '../api.js';
import { field, h, messageLine, select } from '../dom.js';
import { S } from '../strings.js';

const O = S.org;
const splitList = (text) => text.split(/[\s,，、;；]+/).filter(Boolean);

// "local:wangfang；wecom:WangFang" ⇄ {"local": "wangfang", "wecom": "WangFang"}
const accountsText = (accounts) => Object.entries(accounts ?? {}).map(([p, u]) => `${p}:${u}`).join('；');
function accountsObject(text) {
  const out = {};
  for (const pair of text.split(/[;；\s]+/).filter(Boolean)) {
    const at = pair.search(/[:：]/);
    if (at > 0) out[pair.slice(0, at)] = pair.slice(at + 1);
    else out[pair] = '';  // the API names the malformed account
  }
  return out;
}

// One control per field: [key, label, control, read(control) → JSON value, write(control, value)].
function text(key, label) {
  return [key, label, h('input', { name: key }), (c) => c.value.trim() || undefined, (c, v) => { c.value = v ?? ''; }];
}
function list(key, label) {
  return [key, label, h('input', { name: key }), (c) => splitList(c.value), (c, v) => { c.value = (v ?? []).join('、'); }];
}
function choice(key, label, options) {
  return [key, label, select([['', S.common.none], ...options], { name: key }), (c) => c.value || undefined, (c, v) => { c.value = v ?? ''; }];
}
function accounts(key, label) {
  return [key, label, h('input', { name: key, placeholder: 'local:wangfang' }), (c) => accountsObject(c.value), (c, v) => { c.value = accountsText(v); }];
}

function editForm(title, kind, fields, onSaved, { removable = false } = {}) {
  const message = messageLine();
  const controls = Object.fromEntries(fields.map(([key, , control]) => [key, control]));
  const read = () => Object.fromEntries(fields.map(([key, , control, get]) => [key, get(control)]).filter(([, v]) => v !== undefined));

  function answered(result, done) {
    message.ok([done, result?.reassigned?.length ? O.reassigned(result.reassigned.map((n) => `#${n}`).join('、')) : ''].join(' '));
    onSaved();
  }
  async function save(event) {
    event.preventDefault();
    const body = read();
    if (!body.id) return message.error(O.needId);
    try {
      answered(await api('PUT', `/api/v1/organization/${kind}/${encodeURIComponent(body.id)}`, body), O.saved);
    } catch (error) {
      message.error(explain(error));
    }
  }
  async function remove() {
    const id = controls.id.value.trim();
    if (!id) return message.error(O.needId);
    try {
      answered(await api('DELETE', `/api/v1/organization/${kind}/${encodeURIComponent(id)}`), O.removed);
    } catch (error) {
      message.error(explain(error));
    }
  }
  const form = h('form', { class: 'edit', 'aria-label': title, onsubmit: save },
    h('h3', null, title), h('div', { class: 'edit-fields' }, fields.map(([, label, control]) => field(label, control))),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, O.save),
      removable ? h('button', { type: 'button', onclick: remove }, O.remove) : null),
    message.nodes);
  return {
    form,
    // Fills the form with an existing entry, to change it.
    edit(entry) {
      for (const [key, , control, , write] of fields) write(control, entry[key]);
      message.clear();
      form.scrollIntoView?.({ block: 'nearest' });
      controls.name?.focus();
    },
  };
}

export function organizationForms(org, onSaved) {
  const grids = org.grids.map((g) => [g.id, g.name]);
  const communities = org.communities.map((c) => [c.id, c.name]);
  const member = editForm(O.editMember, 'members', [
    text('id', O.id), text('name', O.memberName), list('roles', O.rolesHint), choice('grid', O.grid, grids),
    choice('community', O.community, communities), list('buildings', O.buildings), accounts('accounts', O.accounts),
  ], onSaved, { removable: true });
  const grid = editForm(O.editGrid, 'grids', [
    text('id', O.id), text('name', O.name), choice('community', O.community, communities), list('buildings', O.buildings),
  ], onSaved);
  const group = editForm(O.editGroup, 'groups', [
    text('id', O.id), text('name', O.name), choice('grid', O.grid, grids), choice('community', O.community, communities),
    text('platform', O.platform), text('chat_id', O.chatId), list('tags', O.tags),
  ], onSaved);
  return { member, grid, group, nodes: h('section', { class: 'edits', 'aria-label': O.edit }, member.form, grid.form, group.form) };
}
