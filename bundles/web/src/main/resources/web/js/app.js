// The router: one screen per hash (#/generate ...), a nav that follows the session.
import { session, get, call } from './api.js';
import { h } from './ui.js';
import { signIn, signUp, verify } from './screens/auth.js';
import { generate } from './screens/generate.js';
import { gallery } from './screens/gallery.js';
import { upload } from './screens/upload.js';
import { credits } from './screens/credits.js';
import { privacy } from './screens/privacy.js';
import { admin } from './screens/admin.js';

const SCREENS = { signin: signIn, signup: signUp, verify, generate, gallery, upload, credits, privacy, admin };
const PUBLIC = ['signin', 'signup'];
let me = null;

export async function refreshMe() {
  me = session.token ? await get('/me').catch(() => null) : null;
  return me;
}

function nav(current) {
  const links = me
    ? [['generate', 'Generate'], ['gallery', 'Gallery'], ['upload', 'Upload'], ['credits', 'Credits'], ['privacy', 'Privacy']]
    : [['signin', 'Sign in'], ['signup', 'Sign up']];
  if (me && me.role === 'admin') links.push(['admin', 'Admin']);
  const items = links.map(([id, label]) => h('a', { href: '#/' + id, 'aria-current': id === current ? 'page' : null }, label));
  if (me) items.push(h('button', { type: 'button', id: 'signout', onclick: signOut }, 'Sign out'));
  document.getElementById('nav').replaceChildren(...items);
}

async function signOut() {
  await call('DELETE', '/sessions/current').catch(() => null);
  session.token = null; me = null;
  location.hash = '#/signin';
}

export async function route() {
  let id = (location.hash.replace(/^#\/?/, '').split('?')[0]) || (session.token ? 'generate' : 'signin');
  if (!SCREENS[id]) id = 'generate';
  if (session.token && !me) await refreshMe();
  if (!me && !PUBLIC.includes(id)) id = 'signin';
  // an unverified account may only verify or use its privacy centre; it is told why it cannot go elsewhere
  let reason = null;
  if (me && !me.emailVerified && !['verify', 'privacy'].includes(id)) { reason = 'email_unverified'; id = 'verify'; }
  nav(id);
  document.getElementById('status').replaceChildren();
  await SCREENS[id]({ me, go: (to) => { location.hash = '#/' + to; }, refreshMe, reason });
}

window.addEventListener('hashchange', route);
route();
