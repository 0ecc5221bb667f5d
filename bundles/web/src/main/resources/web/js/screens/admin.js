// Admin (read-only): plugins with their health, the routing order, stats.
import { get } from '../api.js';
import { explain } from '../errors.js';
import { h, screen, message } from '../ui.js';

export async function admin() {
  const main = screen('Admin');
  try {
    const [plugins, routing, stats] = await Promise.all([get('/admin/plugins'), get('/admin/routing'), get('/admin/stats')]);
    main.append(h('h2', {}, 'Plugins'), h('div', { class: 'scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Family', 'Plugin', 'Health', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, plugins.map((p) => h('tr', {}, h('td', {}, p.family), h('td', {}, p.id),
        h('td', {}, (p.health && p.health.status) || ''), h('td', {}, (p.health && p.health.message) || '')))))));
    main.append(h('h2', {}, 'Routing order'), h('ul', {}, Object.entries(routing).map(([k, v]) => h('li', {}, h('strong', {}, k), ': ', v.join(' → ')))));
    main.append(h('h2', {}, 'Stats'), h('pre', { class: 'card scroll' }, JSON.stringify(stats, null, 2)));
  } catch (e) { main.append(message('error', explain(e))); }
}
