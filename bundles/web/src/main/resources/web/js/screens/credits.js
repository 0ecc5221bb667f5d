// Credits: balance, history, and buying (Checkout redirect, or the manual flow's message).
import { get, post } from '../api.js';
import { explain } from '../errors.js';
import { h, screen, message, date } from '../ui.js';

export async function credits() {
  const box = h('div');
  const main = screen('Credits', box);
  try {
    const c = await get('/credits');
    main.append(h('p', { class: 'card', id: 'balance' }, h('strong', {}, `${c.balance} credits`),
      c.reserved ? ` (${c.reserved} held for running generations)` : ''));
    const KIND = { grant: 'Granted', hold: 'Charged', release: 'Returned', charge: 'Spent', purchase: 'Bought' };
    const rows = (c.entries || []).filter((e) => !e.bucket || e.bucket === 'balance').map((e) => h('tr', {},
      h('td', {}, date(e.createdAt)), h('td', {}, (e.amount > 0 ? '+' : '') + e.amount),
      h('td', {}, `${KIND[e.kind] || e.kind || ''}${e.memo ? ' · ' + e.memo : ''}`)));
    main.append(h('h2', {}, 'History'), h('div', { class: 'scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Why'))),
      h('tbody', {}, rows))));
  } catch (e) { box.replaceChildren(message('error', explain(e))); return; }
  const buy = h('div', { id: 'buy' });
  main.append(h('h2', {}, 'Buy credits'), buy);
  let products = [];
  try { products = await get('/billing/products'); } catch (e) { buy.append(message('error', explain(e))); }
  for (const p of products || []) {
    const price = p.amountMinor ? ` · ${(p.amountMinor / 100).toFixed(2)} ${String(p.currency || '').toUpperCase()}` : '';
    const label = `${p.name || p.id}${price}`;
    buy.append(h('button', { type: 'button', onclick: async (ev) => {
      ev.target.disabled = true;
      try {
        const r = await post('/billing/checkout', { product: p.id || p.product });
        if (r && /^https:\/\//.test(r.checkoutUrl || '')) { location.href = r.checkoutUrl; return; }
        box.replaceChildren(message('notice', `Your order ${(r && r.sessionId) || ''} is recorded. Payments are handled by hand here:`
          + ' an administrator adds the credits once your payment arrives.'));
      } catch (e) { box.replaceChildren(message('error', explain(e))); }
      ev.target.disabled = false;
    } }, 'Buy ' + label));
  }
  if (!products || !products.length) buy.append(h('p', { class: 'muted' }, 'No products are on sale; an administrator grants credits.'));
}
