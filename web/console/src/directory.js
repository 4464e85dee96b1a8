// What the pages' pickers offer: the viewer's organization (GET /api/v1/organization, flattened
// whether it comes nested street → community → grid or as flat lists) and the categories (the
// Open311 service list names every category with its Chinese name). Fetched once per sign-in.
import { explain, get } from './api.js';

let organization = null;
let categories = null;

export function forget() {
  organization = null;
  categories = null;
}

function flatten(doc) {
  // `editable`: whether the viewer may change the organization at all (a supervisor reads only).
  const out = { streets: [], communities: [], grids: [], members: doc?.members ?? [], groups: doc?.groups ?? [],
    editable: doc?.editable !== false };
  for (const street of doc?.streets ?? []) {
    out.streets.push({ id: street.id, name: street.name });
    for (const community of street.communities ?? []) {
      out.communities.push({ id: community.id, name: community.name, street: street.id });
      for (const grid of community.grids ?? []) out.grids.push({ ...grid, community: community.id });
    }
  }
  for (const community of doc?.communities ?? []) {
    if (!out.communities.some((c) => c.id === community.id)) out.communities.push(community);
    for (const grid of community.grids ?? []) out.grids.push({ ...grid, community: community.id });
  }
  for (const grid of doc?.grids ?? []) if (!out.grids.some((g) => g.id === grid.id)) out.grids.push(grid);
  return out;
}

export function loadOrganization() {
  // A failure leaves the pickers empty; the organization page shows its reason (`error`).
  organization ??= get('/api/v1/organization').then(flatten)
    .catch((error) => ({ ...flatten(null), editable: false, error: explain(error) }));
  return organization;
}

// Reloaded after an edit or an import, so the pickers show the new organization.
export function reloadOrganization() {
  organization = null;
  return loadOrganization();
}

export function loadCategories() {
  categories ??= get('/open311/v2/services.json')
    .then((services) => (Array.isArray(services) ? services : []).map((s) => ({ id: s.service_code, name: s.service_name })))
    .catch(() => []);
  return categories;
}

export const nameOf = (list, id) => list.find((x) => x.id === id)?.name ?? id;
