// Every visible string comes from /i18n/<lang>.json plus one /i18n/<department>.<lang>.json per
// department (so each department's strings live beside nothing else); a missing key shows as ⟦key⟧ and is
// recorded in window.__missingI18n so the browser tests can fail on it.
const LANGS = ['en', 'zh-CN'];
const STORE_KEY = 'switchboard.lang';
let dict = {};
let lang = 'en';
window.__missingI18n = [];

export function currentLang() {
  return lang;
}

export function initialLang() {
  const saved = localStorage.getItem(STORE_KEY);
  if (LANGS.includes(saved)) return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const PARTS = ['', 'billing.', 'metrics.', 'marketing.', 'sales.', 'success.', 'churn.'];

export async function loadLang(l) {
  const parts = await Promise.all(
    PARTS.map((p) => fetch(`/i18n/${p}${l}.json`, { credentials: 'same-origin' }).then((r) => r.json())),
  );
  dict = Object.assign({}, ...parts);
  lang = l;
  localStorage.setItem(STORE_KEY, l);
  document.documentElement.lang = l;
}

/** The string for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  let s = dict[key];
  if (s === undefined) {
    window.__missingI18n.push(key);
    return `⟦${key}⟧`;
  }
  for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** Whether the dictionary has key (for strings chosen at run time, with a fallback). */
export function has(key) {
  return dict[key] !== undefined;
}

/** Translates the static elements marked data-i18n under root. */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.title = t('app.name');
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'medium' });
}
