// The public trial sign-up page: no sign-in; sends the form with the page's UTM parameters or
// referral code to POST /api/public/trial and shows the answer.
const LANGS = ['en', 'zh-CN'];
const STORE_KEY = 'switchboard.lang';
let dict = {};
let token = null;
window.__missingI18n = [];

function t(key, params = {}) {
  let s = dict[key];
  if (s === undefined) {
    window.__missingI18n.push(key);
    return `⟦${key}⟧`;
  }
  for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

function initialLang() {
  const wanted = new URLSearchParams(location.search).get('lang');
  if (LANGS.includes(wanted)) return wanted;
  const saved = localStorage.getItem(STORE_KEY);
  if (LANGS.includes(saved)) return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

async function loadLang(lang) {
  dict = await fetch(`/i18n/marketing.${lang}.json`).then((r) => r.json());
  document.documentElement.lang = lang;
  document.documentElement.dataset.lang = lang;
  localStorage.setItem(STORE_KEY, lang);
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.title = t('marketing.trial.title');
}

async function fetchToken() {
  const r = await fetch('/api/public/trial/token', { cache: 'no-store' });
  token = (await r.json()).token;
}

function attribution() {
  const q = new URLSearchParams(location.search);
  const out = {};
  for (const [param, field] of [['utm_source', 'utmSource'], ['utm_medium', 'utmMedium'], ['utm_campaign', 'utmCampaign'], ['ref', 'referralCode']]) {
    const v = q.get(param);
    if (v) out[field] = v;
  }
  return out;
}

function show(message, kind) {
  const el = document.getElementById('trial-message');
  el.className = kind;
  el.textContent = message;
}

async function submit(ev) {
  ev.preventDefault();
  const form = ev.target;
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const value = (name) => form.elements[name].value.trim();
  if (!value('phone') && !value('email')) {
    form.elements.phone.setAttribute('aria-invalid', 'true');
    show(t('marketing.trial.contactNeeded'), 'error');
    return;
  }
  const body = { ...attribution(), token, website: form.elements.website.value };
  for (const name of ['name', 'company', 'phone', 'email', 'industry']) {
    if (value(name)) body[name] = value(name);
  }
  if (value('seats')) body.seats = Number(value('seats'));
  const button = document.getElementById('trial-submit');
  button.disabled = true;
  show(t('marketing.trial.sending'), 'muted');
  try {
    const r = await fetch('/api/public/trial', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await r.json().catch(() => ({}));
    if (r.ok) {
      form.reset();
      show(t('marketing.trial.thanks'), 'ok');
      return;
    }
    if (json.field && form.elements[json.field]) form.elements[json.field].setAttribute('aria-invalid', 'true');
    show(r.status === 429 ? t('marketing.trial.tooMany') : t('marketing.trial.failed', { error: json.error || r.status }), 'error');
    if (json.field === 'token') await fetchToken();
  } finally {
    button.disabled = false;
  }
}

async function start() {
  let lang = initialLang();
  await Promise.all([loadLang(lang), fetchToken()]);
  document.getElementById('trial-form').addEventListener('submit', submit);
  document.getElementById('trial-lang').addEventListener('click', () => {
    lang = lang === 'en' ? 'zh-CN' : 'en';
    loadLang(lang);
  });
  document.body.dataset.ready = 'true';
}

start();
