// A tiny element builder: pages are built from the API's JSON with textContent only, never
// innerHTML, so a resident's words can never become markup.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'value' || key === 'checked' || key === 'selected') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// A labelled form control: the label's text is how people (and the browser test) find it.
let nextId = 0;
export function field(labelText, control) {
  const id = control.id || `f${++nextId}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control);
}

export function select(options, props = {}) {
  return h('select', props, options.map(([value, text]) => h('option', { value }, text)));
}

// A status line for results (role=status) and one for errors (role=alert), announced when set.
export function messageLine() {
  const ok = h('p', { role: 'status', class: 'ok' });
  const bad = h('p', { role: 'alert', class: 'bad' });
  return {
    nodes: [ok, bad],
    ok(text) { bad.textContent = ''; ok.textContent = text; },
    error(text) { ok.textContent = ''; bad.textContent = text; },
    clear() { ok.textContent = ''; bad.textContent = ''; },
  };
}
