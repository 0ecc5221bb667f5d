// Small DOM helpers: elements are built, never parsed from strings.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

let ids = 0;
/** A labelled input; returns the wrapper, the input is wrapper.input. */
export function field(label, attrs = {}, tag = 'input') {
  const id = attrs.id || 'f' + (++ids);
  const input = h(tag, { ...attrs, id });
  const wrap = h('div', {}, h('label', { for: id }, label), input);
  wrap.input = input;
  return wrap;
}

export function checkbox(label, attrs = {}) {
  const input = h('input', { type: 'checkbox', ...attrs });
  const wrap = h('label', { class: 'inline' }, input, label);
  wrap.input = input;
  return wrap;
}

/** A message box (error or notice) that screen readers announce. */
export function message(kind, text) {
  return h('div', { class: kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function screen(title, ...children) {
  const main = document.getElementById('main');
  main.replaceChildren(h('h1', {}, title), ...children);
  document.title = title + ' · AiSora';
  main.focus();
  return main;
}

/** Runs an action while its button is disabled; shows the error, in words, in the box given. */
export async function busy(button, box, action, explain) {
  button.disabled = true;
  box.replaceChildren();
  try { return await action(); }
  catch (e) {
    box.replaceChildren(message('error', explain(e)));
    box.scrollIntoView({ block: 'nearest' });
    return undefined;
  }
  finally { button.disabled = false; }
}

export function days(iso) {
  if (!iso) return 'kept until you delete it';
  const ms = new Date(iso) - Date.now();
  const d = Math.max(0, Math.ceil(ms / 86400000));
  if (ms < 86400000) return 'deleted within a day';
  return `deleted in ${d} day${d === 1 ? '' : 's'}`;
}

// the month in words in the reader's own order ("7 Dec 2026, 14:08", "Dec 7, 2026, 2:08 PM"): a date such as
// 07/12/2026 reads as July to some and December to others
export const date = (iso) => iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
export const day = (iso) => iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '';
