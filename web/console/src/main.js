// The console's shell: who is signed in, the navigation, and which page the address shows.
// Pages live behind the hash (#/tickets/12), so gridbot only ever serves index.html and its assets,
// and a reload keeps the page.
import './style.css';
import { api, get, whenSignedOut } from './api.js';
import { clear, h } from './dom.js';
import { forget } from './directory.js';
import { S } from './strings.js';
import { loginPage } from './pages/login.js';
import { boardPage } from './pages/board.js';
import { overduePage } from './pages/overdue.js';
import { ticketPage } from './pages/ticket.js';
import { figuresPage } from './pages/figures.js';
import { alertsPage } from './pages/alerts.js';
import { noticesPage } from './pages/notices.js';
import { noticeProgressPage } from './pages/notice_progress.js';
import { organizationPage } from './pages/organization.js';

const routes = [
  [/^#\/tickets\/(\d+)$/, ticketPage],
  [/^#\/tickets$/, boardPage],
  [/^#\/overdue$/, overduePage],
  [/^#\/figures$/, figuresPage],
  [/^#\/alerts$/, alertsPage],
  [/^#\/notices\/(\d+)$/, noticeProgressPage],
  [/^#\/notices$/, noticesPage],
  [/^#\/organization$/, organizationPage],
];
const sections = ['tickets', 'overdue', 'figures', 'alerts', 'notices', 'organization'];

const root = document.getElementById('app');
let viewer = null;
// A page may start timers (the notice progress refreshes itself); they end when the page does.
let leavePage = () => {};

document.title = S.app;
whenSignedOut(() => { viewer = null; forget(); render(); });
window.addEventListener('hashchange', render);

async function signOut() {
  try { await api('DELETE', '/api/v1/session'); } catch { /* signed out either way */ }
  viewer = null;
  forget();
  location.hash = '#/tickets';
  render();
}

function shell(current) {
  const main = h('main', { id: 'page' });
  const who = viewer ? `${viewer.name ?? viewer.user}（${S.roles[viewer.role] ?? viewer.role}）` : '';
  clear(root,
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, S.app),
      h('nav', { 'aria-label': S.nav.label }, sections.map((name) => h('a', {
        href: `#/${name}`, 'aria-current': name === current ? 'page' : null,
      }, S.nav[name]))),
      h('span', { class: 'who' }, who),
      h('button', { type: 'button', onclick: signOut }, S.nav.signOut)),
    main);
  return main;
}

async function render() {
  leavePage();
  leavePage = () => {};
  if (!viewer) {
    try { viewer = await get('/api/v1/session'); } catch { viewer = null; }
  }
  if (!viewer) {
    loginPage(root, (signedIn) => { viewer = signedIn; render(); });
    return;
  }
  const hash = location.hash || '#/tickets';
  for (const [pattern, page] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    const main = shell(hash.split('/')[1]);
    const leave = page(main, { viewer }, ...match.slice(1));
    if (typeof leave === 'function') leavePage = leave;
    return;
  }
  location.hash = '#/tickets';
}

render();
