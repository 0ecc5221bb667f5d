// Generate: the five kinds, progress while queued and running, every error in words.
import { get, post, objectUrl } from '../api.js';
import { explain } from '../errors.js';
import { h, field, screen, busy, message, days, date } from '../ui.js';

const KINDS = [['text-to-image', 'Text to image'], ['image-to-image', 'Image to image'], ['upscale', 'Upscale an image'],
  ['text-to-video', 'Text to video'], ['image-to-video', 'Image to video']];
const NEEDS_INPUT = ['image-to-image', 'upscale', 'image-to-video'];
const NEEDS_PROMPT = ['text-to-image', 'image-to-image', 'text-to-video', 'image-to-video'];
const VIDEO = ['text-to-video', 'image-to-video'];

export async function generate() {
  const type = field('Kind', { name: 'type' }, 'select');
  for (const [v, l] of KINDS) type.input.append(h('option', { value: v }, l));
  const prompt = field('Prompt', { name: 'prompt', rows: 3, maxlength: 2000 }, 'textarea');
  const input = field('Input image (from your uploads)', { name: 'inputMediaId' }, 'select');
  const width = field('Width', { type: 'number', name: 'width', value: 256, inputmode: 'numeric' });
  const height = field('Height', { type: 'number', name: 'height', value: 256, inputmode: 'numeric' });
  const duration = field('Length, seconds', { type: 'number', name: 'durationSeconds', value: 3, inputmode: 'numeric' });
  const box = h('div', { id: 'generate-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', id: 'generate-submit' }, 'Generate');
  const show = () => {
    const t = type.input.value;
    input.hidden = !NEEDS_INPUT.includes(t);
    prompt.hidden = !NEEDS_PROMPT.includes(t);
    duration.hidden = !VIDEO.includes(t);
  };
  type.input.addEventListener('change', show);
  const preset = new URLSearchParams(location.hash.split('?')[1] || '');
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    await busy(submit, box, async () => {
      const t = type.input.value;
      const body = { type: t, width: Number(width.input.value), height: Number(height.input.value) };
      if (NEEDS_PROMPT.includes(t)) body.prompt = prompt.input.value;
      if (NEEDS_INPUT.includes(t)) body.inputMediaId = input.input.value || undefined;
      if (VIDEO.includes(t)) body.durationSeconds = Number(duration.input.value);
      const job = await post('/generations', body);
      await follow(job, box);
    }, explain);
  } }, type, prompt, input, h('div', { class: 'row' }, width, height), duration, submit, box);
  screen('Generate', form);
  try {
    const media = await get('/media');
    const images = (Array.isArray(media) ? media : media.items || []).filter((m) => String(m.contentType).startsWith('image/') && m.kind !== 'thumbnail');
    input.input.append(h('option', { value: '' }, images.length ? 'Choose an image' : 'No uploads yet: use the Upload page'));
    for (const m of images) input.input.append(h('option', { value: m.id }, `${m.kind === 'upload' ? 'Upload' : 'Generated'} ${m.width}×${m.height} · ${date(m.createdAt)}`));
  } catch (e) { /* the list is optional */ }
  if (preset.get('type')) type.input.value = preset.get('type');
  if (preset.get('input')) input.input.value = preset.get('input');
  show();
}

const STATUS = { queued: 'Waiting in the queue…', running: 'Generating…', succeeded: 'Done.', failed: 'Failed.', rejected: 'Refused.', canceled: 'Canceled.' };

async function follow(job, box) {
  const bar = h('progress', { max: 100, 'aria-label': 'Progress' });
  const state = h('p', { id: 'generate-status' }, STATUS[job.status] || job.status);
  box.replaceChildren(state, bar);
  while (!['succeeded', 'failed', 'rejected', 'canceled', 'expired'].includes(job.status)) {
    await new Promise((r) => setTimeout(r, 1000));
    job = await get('/generations/' + job.id);
    state.textContent = STATUS[job.status] || job.status;
    if (job.status === 'running') bar.value = Math.min(90, (bar.value || 10) + 10);
  }
  bar.remove();
  if (job.status !== 'succeeded') {
    const err = job.error || {};
    box.replaceChildren(message('error', explain({ code: err.code || 'generation_failed', message: err.message })));
    box.scrollIntoView({ block: 'nearest' });
    return;
  }
  const out = (job.outputs || [])[0];
  if (!out) return;
  const url = await objectUrl(`/media/${out.id}/content`);
  const media = String(out.contentType || '').startsWith('video')
    ? h('video', { src: url, controls: true }) : h('img', { src: url, alt: job.prompt || 'Generated image' });
  box.replaceChildren(message('notice', `Done. It is in your gallery, ${days(out.expiresAt || job.expiresAt)}.`),
    h('div', { class: 'result', id: 'generate-output' }, media), h('a', { href: '#/gallery', class: 'button secondary' }, 'Open the gallery'));
  box.scrollIntoView({ block: 'nearest' });
}
