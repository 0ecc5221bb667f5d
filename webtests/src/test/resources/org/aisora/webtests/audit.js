// Run in the page by WebQualityTest: what a screen reader, a keyboard user and a low-vision user would miss.
// Answers a list of findings (empty when the screen passes), each "rule: element: detail".
const findings = [];
const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : '')
  + ' "' + (el.innerText || el.value || '').trim().slice(0, 30) + '"';
const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };

// every form control has an accessible name
for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  if (!visible(el)) continue;
  if (el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) {
    findings.push('unlabelled control: ' + describe(el));
  }
}
// every button and link says what it does; every image has a text alternative
for (const el of document.querySelectorAll('button, a[href]')) {
  if (visible(el) && !(el.innerText || '').trim() && !el.getAttribute('aria-label') && !el.title) {
    findings.push('nameless ' + el.tagName.toLowerCase() + ': ' + describe(el));
  }
}
for (const el of document.querySelectorAll('img')) {
  if (!el.hasAttribute('alt')) findings.push('image without alt: ' + el.src.slice(0, 60));
}

// text contrast (WCAG 2 AA: 4.5:1, 3:1 for large text), against the first opaque background behind it
const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
const background = (el) => {
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.backgroundImage !== 'none') return null;
    const c = rgb(s.backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!n.textContent.trim() || seen.has(el) || !visible(el) || el.closest('noscript, .skip, :disabled')) continue;
  seen.add(el);
  const s = getComputedStyle(el);
  const bg = background(el);
  if (!bg) continue;
  const fg = rgb(s.color);
  const opacity = [...(function* () { for (let e = el; e; e = e.parentElement) yield Number(getComputedStyle(e).opacity); })()]
    .reduce((a, b) => a * b, 1);
  const alpha = (fg.length === 4 ? fg[3] : 1) * opacity;
  const mixed = fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
  const [hi, lo] = [luminance(mixed), luminance(bg)].sort((a, b) => b - a);
  const ratio = (hi + 0.05) / (lo + 0.05);
  const size = parseFloat(s.fontSize);
  const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5)) findings.push('contrast ' + ratio.toFixed(2) + ': ' + describe(el));
}

// dates carry the month in words: 07/12/2026 is July to one reader and December to another
for (const d of document.body.innerText.match(/\b\d{1,2}[\/.]\d{1,2}[\/.]\d{2,4}\b/g) || []) {
  findings.push('ambiguous date: ' + d);
}

// nothing wider than the window (usable at 360 px)
if (document.documentElement.scrollWidth > window.innerWidth + 1) {
  findings.push('horizontal scroll: page ' + document.documentElement.scrollWidth + ' px in a ' + window.innerWidth + ' px window');
}
return findings;
