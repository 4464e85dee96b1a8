// 组织: the grids, members and groups the viewer may see, and the CSV import of members or groups:
// every valid row is applied at once (no restart), every invalid one listed by row and field.
import { explain, post } from '../api.js';
import { clear, field, h, messageLine, select } from '../dom.js';
import { loadOrganization, nameOf, reloadOrganization } from '../directory.js';
import { S } from '../strings.js';
import { dataTable as table } from '../table.js';
import { organizationForms } from './organization_forms.js';

const O = S.org;

function report(result) {
  const errors = result.errors ?? [];
  return h('div', { class: 'report' },
    h('p', { role: 'status' }, O.imported(result.imported ?? 0)),
    errors.length ? [h('p', { class: 'bad' }, O.rowErrors(errors.length)),
      table(O.rowErrors(errors.length), [O.row, O.field, O.error], errors.map((e) => [String(e.row), e.field, e.error]))] : null,
    result.reassigned?.length ? h('p', null, O.reassigned(result.reassigned.map((n) => `#${n}`).join('、'))) : null);
}

function importForm(onImported) {
  const kind = select([['members', O.importMembers], ['groups', O.importGroups]], { name: 'kind' });
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv' });
  const message = messageLine();
  const result = h('div');
  async function submit(event) {
    event.preventDefault();
    message.clear();
    clear(result);
    if (!file.files.length) return message.error(O.needFile);
    try {
      const text = await file.files[0].text();
      const answer = await post(`/api/v1/organization/import?kind=${kind.value}`, text);
      clear(result, report(answer));
      onImported();
    } catch (error) {
      message.error(explain(error));
    }
  }
  return h('form', { class: 'import', 'aria-labelledby': 'import-title', onsubmit: submit },
    h('h2', { id: 'import-title' }, O.import),
    field(O.importKind, kind), field(O.importFile, file),
    h('button', { type: 'submit' }, O.importSubmit), message.nodes, result);
}

export function organizationPage(main) {
  const lists = h('div', null, h('p', { class: 'muted' }, S.common.loading));
  const edits = h('div');
  const roleNames = (roles) => (roles ?? []).map((r) => O.memberRoles[r] ?? r).join('、');
  const refresh = () => reloadOrganization().then(show);
  function show(org) {
    if (org.error) return clear(lists, h('p', { role: 'alert', class: 'bad' }, org.error));
    const forms = organizationForms(org, refresh);
    const editButton = (form, entry) => !org.editable || entry.editable === false ? '' : h('button', { type: 'button', 'aria-label': `${O.editButton} ${entry.name}`, onclick: () => form.edit(entry) }, O.editButton);
    clear(edits, org.editable ? forms.nodes : null);
    clear(lists,
      h('section', null, h('h2', null, O.grids), table(O.grids, [O.id, O.name, O.community, O.buildings, O.actions],
        org.grids.map((g) => [g.id, g.name, nameOf(org.communities, g.community), (g.buildings ?? []).join('、'), editButton(forms.grid, g)]))),
      h('section', null, h('h2', null, O.members), table(O.members, [O.id, O.memberName, O.roles, O.grid, O.accounts, O.actions],
        org.members.map((m) => [m.id, m.name, roleNames(m.roles),
          m.grid ? nameOf(org.grids, m.grid) : m.community ? nameOf(org.communities, m.community) : m.street ?? m.department,
          Object.entries(m.accounts ?? {}).map(([p, u]) => `${p}:${u}`).join('；'), editButton(forms.member, m)]))),
      h('section', null, h('h2', null, O.groups), table(O.groups, [O.id, O.name, O.grid, O.platform, O.actions],
        org.groups.map((g) => [g.id, g.name, nameOf(org.grids, g.grid), g.platform, editButton(forms.group, g)]))));
  }
  const imports = h('div');
  clear(main, h('h1', null, O.title), imports, lists, edits);
  loadOrganization().then((org) => { if (org.editable) clear(imports, importForm(refresh)); });
  loadOrganization().then(show);
}
