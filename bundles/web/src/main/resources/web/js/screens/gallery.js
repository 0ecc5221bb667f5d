// Gallery: thumbnails, play for videos, download, delete, and when each item goes.
import { get, call, objectUrl, download } from '../api.js';
import { explain } from '../errors.js';
import { h, screen, message, days } from '../ui.js';

const EXT = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/webm': 'webm' };

export async function gallery() {
  const box = h('div');
  const list = h('ul', { class: 'grid', id: 'gallery' });
  screen('Gallery', box, list);
  let items;
  try { items = await get('/media'); } catch (e) { box.replaceChildren(message('error', explain(e))); return; }
  items = Array.isArray(items) ? items : items.items || [];
  if (!items.length) { box.replaceChildren(h('p', {}, 'Nothing yet. ', h('a', { href: '#/generate' }, 'Generate something'), '.')); return; }
  for (const m of items.filter((x) => x.kind !== 'thumbnail')) list.append(item(m, box));
}

function item(m, box) {
  const video = String(m.contentType).startsWith('video/');
  const name = `aisora-${m.id.slice(0, 8)}.${EXT[m.contentType] || 'bin'}`;
  const pic = h('img', { alt: `${m.kind === 'upload' ? 'Uploaded' : 'Generated'} ${video ? 'video' : 'image'}, ${m.width}×${m.height}` });
  const li = h('li', { 'data-id': m.id }, pic,
    h('p', { class: 'caption' }, `${m.kind === 'upload' ? 'Uploaded' : 'Generated'} ${video ? 'video' : 'image'} · ${m.width}×${m.height}`),
    h('p', { class: 'muted expiry' }, days(m.expiresAt)),
    m.status && m.status !== 'ready' ? h('p', { class: 'muted' }, `Processing${m.progress ? ' ' + m.progress + '%' : ''}…`) : null);
  const thumb = m.thumbnailId || !video ? `/media/${m.id}/thumbnail` : null;
  if (thumb) objectUrl(thumb).then((u) => { pic.src = u; }).catch(() => { pic.alt += ' (no preview)'; });
  if (video) {
    li.append(h('button', { type: 'button', onclick: async (e) => {
      e.target.disabled = true;
      try { pic.replaceWith(h('video', { src: await objectUrl(`/media/${m.id}/content`), controls: true, autoplay: true })); e.target.remove(); }
      catch (err) { box.replaceChildren(message('error', explain(err))); e.target.disabled = false; }
    } }, 'Play'));
  }
  li.append(h('button', { type: 'button', class: 'secondary download', onclick: () => download(`/media/${m.id}/content`, name)
    .catch((err) => box.replaceChildren(message('error', explain(err)))) }, 'Download'));
  if (!video) li.append(h('a', { class: 'button secondary', href: `#/generate?type=upscale&input=${m.id}` }, 'Upscale'));
  li.append(h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm('Delete this item for good?')) return;
    try { await call('DELETE', '/media/' + m.id); li.remove(); box.replaceChildren(message('notice', 'Deleted.')); }
    catch (err) { box.replaceChildren(message('error', explain(err))); }
  } }, 'Delete'));
  return li;
}
