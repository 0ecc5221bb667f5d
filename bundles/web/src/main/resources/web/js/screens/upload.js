// Upload with drag and drop (or a file picker); refusals explained in words.
import { post } from '../api.js';
import { explain } from '../errors.js';
import { h, screen, message, days } from '../ui.js';

export function upload(ctx) {
  const box = h('div', { id: 'upload-result' });
  const picker = h('input', { type: 'file', id: 'upload-file', accept: 'image/png,image/jpeg,image/gif,image/webp,video/mp4,video/quicktime,video/webm' });
  const zone = h('div', { class: 'drop', id: 'drop' }, h('p', {}, 'Drop an image or video here, or'),
    h('label', { for: 'upload-file' }, 'choose a file'), picker);
  const send = async (file) => {
    if (!file) return;
    box.replaceChildren(h('p', {}, `Uploading ${file.name}…`));
    try {
      const m = await post('/media', file);
      const image = String(m.contentType).startsWith('image/');
      box.replaceChildren(message('notice', `Uploaded (${image ? 'image' : 'video'}, ${days(m.expiresAt)}).`),
        image ? h('a', { class: 'button', id: 'upload-upscale', href: `#/generate?type=upscale&input=${m.id}` }, 'Upscale it') : null,
        image ? h('a', { class: 'button secondary', id: 'upload-image-to-image', href: `#/generate?type=image-to-image&input=${m.id}` }, 'Change it with a prompt') : null,
        image ? h('a', { class: 'button secondary', id: 'upload-image-to-video', href: `#/generate?type=image-to-video&input=${m.id}` }, 'Make a video of it') : null,
        h('a', { class: 'button secondary', href: '#/gallery' }, 'Open the gallery'));
    } catch (e) { box.replaceChildren(message('error', explain(e))); }
  };
  picker.addEventListener('change', () => send(picker.files[0]));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); send(e.dataTransfer.files[0]); });
  screen('Upload', zone, box);
}
