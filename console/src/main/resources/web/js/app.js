// The console frame: sign-in, navigation by department, a hash router and the language switch.
import { api, setCsrf, ApiError } from './api.js';
import { h, field } from './dom.js';
import { t, loadLang, initialLang, translateStatic, currentLang } from './i18n.js';
import * as telephony from './telephony.js';
import * as staff from './staff.js';
import * as security from './security.js';
import * as marketing from './marketing.js';
import * as sales from './sales.js';
import * as success from './success.js';
import * as churn from './churn.js';
import * as billing from './billing.js';
import * as metrics from './metrics.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let me = null;
let cleanup = null;

// Each department's pages live in their own module; the frame only mounts them.
const DEPARTMENTS = [marketing, sales, success, churn, billing, metrics];

function defaultRoute() {
  if (me.role === 'tenant_admin') return `#/telephony/tenants/${me.tenant}/extensions`;
  return '#/telephony/tenants';
}

function renderNav() {
  nav.hidden = false;
  nav.replaceChildren(
    h('h2', {}, t('nav.telephony')),
    me.role === 'tenant_admin'
      ? h('a', { href: `#/telephony/tenants/${me.tenant}/extensions` }, t('nav.myTenant'))
      : h('a', { href: '#/telephony/tenants' }, t('nav.tenants')),
    ...(me.role === 'tenant_admin'
      ? []
      : [h('h2', {}, t('nav.departments')), ...DEPARTMENTS.flatMap((d) => d.NAV.map(([href, key]) => h('a', { href }, t(key))))]),
    ...(me.role === 'admin'
      ? [h('h2', {}, t('nav.administration')), h('a', { href: '#/staff/users' }, t('nav.users')), h('a', { href: '#/security' }, t('nav.security'))]
      : []),
  );
  markCurrent();
}

// Only the most specific link is current: '#/success/churn/risks' lights its own link, not also
// '#/success'.
function markCurrent() {
  const here = location.hash;
  let best = null;
  for (const a of nav.querySelectorAll('a')) {
    const target = a.getAttribute('href').replace(/\/extensions$/, '');
    const matches = here === target || (target !== '#/' && here.startsWith(`${target}/`));
    if (matches && (!best || target.length > best.target.length)) best = { a, target };
  }
  for (const a of nav.querySelectorAll('a')) {
    if (best && a === best.a) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function renderWho() {
  const who = document.getElementById('who');
  const out = document.getElementById('sign-out');
  if (me) {
    who.textContent = `${me.displayName} · ${t(`role.${me.role}`)}`;
    out.hidden = false;
  } else {
    who.textContent = '';
    out.hidden = true;
  }
}

function signInPage(message) {
  nav.hidden = true;
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert', id: 'signin-error' }, message || '');
  const form = h(
    'form',
    { class: 'card signin', id: 'signin' },
    h('h1', {}, t('auth.title')),
    h('div', { class: 'fields' }, field(t('auth.email'), email), field(t('auth.password'), password)),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('auth.signIn')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      me = await api('POST', '/api/v1/session', { email: email.value, password: password.value });
      setCsrf(me.csrfToken);
      renderWho();
      renderNav();
      location.hash = defaultRoute();
      route();
    } catch (e) {
      error.textContent =
        e instanceof ApiError && e.status === 429 ? t('auth.throttled') : e.status === 401 ? t('auth.wrong') : t('common.failed', { error: e.message });
    }
  });
  main.replaceChildren(form);
  email.focus();
}

const ROUTES = [
  [/^#\/telephony\/tenants$/, () => telephony.tenants(main, me)],
  [/^#\/telephony\/tenants\/([^/]+)\/(extensions|registrations|lines|calls|messages|usage|groups|ivr|conference|dialplan|features)$/, (m) => telephony.tenantPage(main, me, decodeURIComponent(m[1]), m[2])],
  [/^#\/staff\/users$/, () => staff.users(main, me)],
  [/^#\/security$/, () => security.page(main)],
  ...DEPARTMENTS.flatMap((d) => d.ROUTES.map(([re, page]) => [re, (m) => page(m, main, me)])),
];

function route() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  if (!me) {
    signInPage();
    return;
  }
  if (!location.hash || location.hash === '#/') {
    location.replace(defaultRoute());
    return;
  }
  markCurrent();
  for (const [re, page] of ROUTES) {
    const m = location.hash.match(re);
    if (m) {
      cleanup = page(m) || null;
      if (window.innerWidth <= 760) nav.classList.add('collapsed');
      return;
    }
  }
  main.replaceChildren(h('h1', {}, t('common.notFound')), h('p', {}, h('a', { href: defaultRoute() }, t('common.home'))));
}

async function whoAmI() {
  try {
    me = await api('GET', '/api/v1/session');
    setCsrf(me.csrfToken);
  } catch (e) {
    me = null;
  }
}

async function switchLanguage(l) {
  await loadLang(l);
  translateStatic();
  renderWho();
  if (me) renderNav();
  route();
}

async function start() {
  const langSelect = document.getElementById('lang');
  await loadLang(initialLang());
  langSelect.value = currentLang();
  translateStatic();
  langSelect.addEventListener('change', () => switchLanguage(langSelect.value));
  document.getElementById('sign-out').addEventListener('click', async () => {
    try {
      await api('DELETE', '/api/v1/session');
    } finally {
      me = null;
      setCsrf(null);
      renderWho();
      location.hash = '#/';
      route();
    }
  });
  const toggle = document.getElementById('menu-toggle');
  toggle.addEventListener('click', () => {
    const collapsed = nav.classList.toggle('collapsed');
    toggle.setAttribute('aria-expanded', String(!collapsed));
  });
  window.addEventListener('signed-out', () => {
    me = null;
    renderWho();
    signInPage(t('auth.expired'));
  });
  await whoAmI();
  renderWho();
  if (me) renderNav();
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
}

start();
