// Admin (read-only): plugins with their health, the routing order, usage stats.
import { get } from '../api.js';
import { explain } from '../errors.js';
import { h, screen, message } from '../ui.js';

function table(heads, rows) {
  return h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, heads.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c === undefined || c === null ? '' : String(c))))))));
}

export async function admin() {
  const main = screen('Admin');
  try {
    const [plugins, routing, stats] = await Promise.all([get('/admin/plugins'), get('/admin/routing'), get('/admin/stats')]);
    main.append(h('h2', {}, 'Plugins'), table(['Family', 'Plugin', 'Health', 'Why', 'Ranking', 'In use'],
      plugins.map((p) => [p.family.toLowerCase(), p.id, (p.health && p.health.status) || '', (p.health && p.health.reason) || '',
        p.ranking, p.active === undefined ? '' : (p.active ? 'yes' : 'no')])));
    const order = Object.entries(routing || {});
    main.append(h('h2', {}, 'Routing order'), order.length
      ? table(['Type', 'Providers, first tried first'], order.map(([k, v]) => [k, v.join(' → ')]))
      : h('p', {}, 'No order is configured: each job goes to the providers able to do it, by ranking.'));
    const rows = stats.rows || [];
    main.append(h('h2', {}, 'Stats'), h('p', { class: 'muted' }, `${stats.from || ''} to ${stats.to || ''}; groups of fewer than ${stats.k} users are left out`
      + (stats.suppressed ? ` (${stats.suppressed} left out)` : '') + '.'),
      rows.length ? table(Object.keys(rows[0]), rows.map((r) => Object.values(r)))
        : h('p', {}, stats.suppressed ? 'Every group is too small to show yet.' : 'No usage to show yet.'));
  } catch (e) { main.append(message('error', explain(e))); }
}
