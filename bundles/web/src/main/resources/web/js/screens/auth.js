// Sign up (age gate, privacy policy shown and accepted), e-mail verification, sign in.
import { get, post, session } from '../api.js';
import { explain } from '../errors.js';
import { h, field, checkbox, screen, busy, message, day } from '../ui.js';

async function startSession(email, password) {
  session.token = (await post('/sessions', { email, password })).token;
}

export function signIn(ctx) {
  const email = field('E-mail', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = field('Password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const box = h('div');
  const submit = h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in');
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    await busy(submit, box, async () => {
      await startSession(email.input.value, password.input.value);
      await ctx.refreshMe();
      ctx.go('generate');
    }, explain);
  } }, email, password, box, submit, h('p', {}, 'New here? ', h('a', { href: '#/signup' }, 'Create an account')));
  screen('Sign in', form);
}

export async function signUp(ctx) {
  const box = h('div');
  const main = screen('Create an account', box);
  let policy;
  try { policy = await get('/policies/privacy'); } catch (e) { box.replaceChildren(message('error', explain(e))); return; }
  const name = field('Name', { name: 'name', autocomplete: 'name', required: true });
  const email = field('E-mail', { type: 'email', name: 'email', autocomplete: 'email', required: true });
  const password = field('Password (at least 10 characters)', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 10, required: true });
  const birth = field('Birth date', { type: 'date', name: 'birthDate', required: true, 'aria-describedby': 'age-note' });
  const note = h('p', { id: 'age-note', class: 'muted' }, `You must be at least ${policy.minimumAge || 16} years old.`);
  const accept = checkbox(`I have read and accept the privacy policy (version ${policy.version})`, { name: 'accept', required: true });
  const text = policy.text
    ? h('div', { class: 'policy', tabindex: '0', role: 'region', 'aria-label': 'Privacy policy' }, policy.text)
    : h('p', { class: 'policy' }, `Privacy policy version ${policy.version}${policy.publishedAt ? ', published ' + day(policy.publishedAt) : ''}.`
      + (policy.summary ? '' : ' The operator has published no text for it yet.'));
  const submit = h('button', { type: 'submit', id: 'signup-submit' }, 'Create account');
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    await busy(submit, box, async () => {
      if (!accept.input.checked) throw { code: 'policy_not_accepted' };
      await post('/accounts', { name: name.input.value, email: email.input.value, password: password.input.value,
        birthDate: birth.input.value, acceptedPolicyVersion: policy.version });
      await startSession(email.input.value, password.input.value);
      await ctx.refreshMe();
      ctx.go('verify');
    }, explain);
  } }, name, email, password, birth, note, h('h2', {}, 'Privacy policy'),
    policy.summary ? h('p', {}, policy.summary) : null, text, accept, box, submit);
  main.append(form);
}

export function verify(ctx) {
  const code = field('Code from the e-mail we sent you', { name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', required: true });
  const box = h('div', { id: 'verify-result' }, ctx.reason ? message('notice', explain({ code: ctx.reason })) : null);
  const submit = h('button', { type: 'submit', id: 'verify-submit' }, 'Verify');
  const resend = h('button', { type: 'button', class: 'secondary', onclick: () => busy(resend, box, async () => {
    await post('/me/email/resend');
    box.replaceChildren(message('notice', 'A new code is on its way.'));
  }, explain) }, 'Send a new code');
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    await busy(submit, box, async () => {
      await post('/me/email/verify', { code: code.input.value.trim() });
      await ctx.refreshMe();
      ctx.go('generate');
    }, explain);
  } }, h('p', {}, `We sent a code to ${ctx.me ? ctx.me.email : 'your e-mail address'}. Enter it to start generating.`),
    code, box, submit, resend);
  screen('Verify your e-mail', form);
}
