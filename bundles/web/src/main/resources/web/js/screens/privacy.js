// Privacy centre: profile and e-mail, preferences, third parties, export, account deletion with its receipt.
import { get, call, post, download, session } from '../api.js';
import { explain } from '../errors.js';
import { h, field, checkbox, screen, message, busy, date } from '../ui.js';

function section(title, ...children) {
  return h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), ...children);
}

export async function privacy(ctx) {
  const main = screen('Privacy centre');
  let me;
  try { me = await get('/me'); } catch (e) { main.append(message('error', explain(e))); return; }
  main.append(profile(me, ctx), preferences(me), thirdParties(me), exporter(), deletion());
}

function profile(me, ctx) {
  const name = field('Name', { name: 'name', value: me.name || '', autocomplete: 'name' });
  const email = field('E-mail', { type: 'email', name: 'email', value: me.email || '', autocomplete: 'email' });
  const current = field('Current password (needed to change the e-mail)', { type: 'password', name: 'currentPassword', autocomplete: 'current-password' });
  const box = h('div');
  const save = h('button', { type: 'submit' }, 'Save');
  const code = field('Code sent to the new address', { name: 'code', autocomplete: 'one-time-code' });
  const confirmBox = h('div');
  const confirmButton = h('button', { type: 'submit' }, 'Confirm the new e-mail');
  const waiting = h('p', {}, `Waiting for confirmation of ${me.pendingEmail || 'the new address'}.`);
  const pending = h('form', { hidden: !me.pendingEmail, onsubmit: async (e) => {
    e.preventDefault();
    await busy(confirmButton, confirmBox, async () => {
      // the new address's code (the sign-up code goes to /me/email/verify, which a verified account may not use)
      const changed = await post('/me/email-verification', { code: code.input.value.trim() });
      me.email = changed.email; email.input.value = changed.email; current.input.value = '';
      confirmBox.replaceChildren(message('notice', `Your e-mail address is changed to ${changed.email}.`));
      await ctx.refreshMe();
    }, explain);
  } }, waiting, code, confirmBox, confirmButton);
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    await busy(save, box, async () => {
      const body = { name: name.input.value };
      if (email.input.value !== me.email) { body.email = email.input.value; body.currentPassword = current.input.value; }
      const r = await call('PATCH', '/me', body);
      box.replaceChildren(message('notice', body.email ? 'Saved. Enter the code we sent to the new address.' : 'Saved.'));
      if (r && r.pendingEmail) waiting.textContent = `Waiting for confirmation of ${r.pendingEmail}.`;
      if (body.email || (r && r.pendingEmail)) pending.hidden = false;
    }, explain);
  } }, name, email, current, box, save);
  return section('Profile', form, pending);
}

function preferences(me) {
  const p = me.preferences || {};
  const restrict = checkbox('Restrict processing: keep my data, but make nothing new with it', { checked: !!p.processingRestricted });
  const analytics = checkbox('Opt out of analytics', { checked: !!p.analyticsOptOut });
  const marketing = checkbox('Send me product news by e-mail', { checked: !!p.marketingEmails });
  const box = h('div');
  const save = h('button', { type: 'submit' }, 'Save preferences');
  return section('Preferences', h('form', { onsubmit: async (e) => {
    e.preventDefault();
    await busy(save, box, async () => {
      await call('PUT', '/me/preferences', { processingRestricted: restrict.input.checked,
        analyticsOptOut: analytics.input.checked, marketingEmails: marketing.input.checked });
      box.replaceChildren(message('notice', 'Preferences saved.'));
    }, explain);
  } }, restrict, analytics, marketing, box, save));
}

function thirdParties(me) {
  const list = me.thirdParties || [];
  if (!list.length) return section('Third parties that saw your data', h('p', {}, 'None so far: everything was done on this platform.'));
  return section('Third parties that saw your data', h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Who', 'Why', 'What', 'They keep it', 'Last'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((t) => h('tr', {}, h('td', {}, `${t.vendor} (${t.family})`), h('td', {}, t.purpose || ''),
      h('td', {}, (t.dataCategories || []).join(', ')), h('td', {}, t.statedRetention || ''), h('td', {}, date(t.lastAt))))))));
}

function exporter() {
  const box = h('div');
  const button = h('button', { type: 'button', id: 'export', onclick: () => busy(button, box, async () => {
    await download('/me/export', 'aisora-export.zip');
    box.replaceChildren(message('notice', 'Your export is downloading (a ZIP with every category of your data and your original media).'));
  }, explain) }, 'Download my data');
  return section('Your data', button, box);
}

function deletion() {
  const password = field('Your password, to confirm', { type: 'password', name: 'deletePassword', autocomplete: 'current-password', required: true });
  const box = h('div', { id: 'deletion-result' });
  const button = h('button', { type: 'submit', class: 'danger', id: 'delete-account' }, 'Delete my account');
  return section('Delete your account', h('p', {}, 'Everything is erased. This cannot be undone.'), h('form', { onsubmit: async (e) => {
    e.preventDefault();
    if (!confirm('Delete your account and everything in it?')) return;
    await busy(button, box, async () => {
      const r = await call('DELETE', '/me', { password: password.input.value });
      session.token = null;
      document.getElementById('nav').replaceChildren(h('a', { href: '#/signup' }, 'Sign up'));
      const link = `/api/v1/deletion-receipts/${encodeURIComponent(r.receiptId)}`;
      const rec = r.receipt || {};
      const counts = Object.entries(rec.counts || {}).map(([k, v]) => h('li', {}, `${k}: ${v}`));
      const main = screen('Your account is deleted');
      main.append(h('section', { class: 'card', id: 'receipt' }, h('p', {}, `Receipt ${r.receiptId}, ${date(rec.createdAt)}. Kept until ${date(rec.expiresAt)}.`),
        h('h2', {}, 'What was erased'), h('ul', {}, counts),
        h('p', {}, 'Keep this link as proof: ', h('a', { href: link, id: 'receipt-link' }, location.origin + link))));
    }, explain);
  } }, password, box, button));
}
