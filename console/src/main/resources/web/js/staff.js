// Staff administration (admins only; the server refuses everyone else with 403).
import { api, enc } from './api.js';
import { h, field, table } from './dom.js';
import { t, formatTime } from './i18n.js';

const ROLES = ['admin', 'marketing', 'sales', 'success', 'tenant_admin'];

export function users(main, me) {
  const list = h('div', { id: 'user-list' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  main.replaceChildren(h('h1', {}, t('users.title')), message, list, createUserForm(message, load));

  async function load() {
    try {
      const rows = await api('GET', '/api/v1/users');
      list.replaceChildren(
        table(
          [t('users.email'), t('users.name'), t('users.role'), t('users.tenant'), t('ext.state'), t('tenants.createdAt'), t('common.actions')],
          rows.map((u) => {
            const self = u.email === me.email;
            return h('tr', { 'data-email': u.email },
              h('td', {}, u.email), h('td', {}, u.displayName), h('td', {}, t(`role.${u.role}`)), h('td', {}, u.tenant || ''),
              h('td', { class: u.enabled ? '' : 'off' }, t(u.enabled ? 'ext.enabled' : 'ext.disabled')),
              h('td', {}, formatTime(u.createdAt)),
              h('td', {}, self ? h('span', { class: 'muted' }, t('users.you')) : h('div', { class: 'actions' },
                h('button', { type: 'button', onclick: () => change(u, { enabled: !u.enabled }) }, t(u.enabled ? 'ext.disable' : 'ext.enable')),
                h('button', { type: 'button', onclick: () => remove(u) }, t('common.remove')))));
          }),
        ),
      );
    } catch (e) {
      list.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('common.failed', { error: e.message })));
    }
  }
  async function change(u, body) {
    try {
      await api('PATCH', `/api/v1/users/${enc(u.email)}`, body);
      message.textContent = t('users.saved', { email: u.email });
      load();
    } catch (e) {
      message.textContent = t('common.failed', { error: e.message });
    }
  }
  async function remove(u) {
    if (!window.confirm(t('users.confirmRemove', { email: u.email }))) return;
    try {
      await api('DELETE', `/api/v1/users/${enc(u.email)}`);
      message.textContent = t('users.removed', { email: u.email });
      load();
    } catch (e) {
      message.textContent = t('common.failed', { error: e.message });
    }
  }
  load();
}

function createUserForm(message, reload) {
  const email = h('input', { type: 'email', name: 'email', required: true });
  const name = h('input', { name: 'displayName' });
  const pw = h('input', { type: 'password', name: 'password', required: true, minlength: 10, autocomplete: 'new-password' });
  const role = h('select', { name: 'role' }, ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))));
  const tenant = h('input', { name: 'tenant', placeholder: 'acme.example' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', id: 'create-user' },
    h('h2', {}, t('users.create')),
    h('div', { class: 'fields' }, field(t('users.email'), email), field(t('users.name'), name), field(t('auth.password'), pw),
      field(t('users.role'), role), field(t('users.tenantHint'), tenant), h('button', { type: 'submit', class: 'primary' }, t('common.create'))),
    error,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const body = { email: email.value, displayName: name.value || null, password: pw.value, role: role.value };
      if (role.value === 'tenant_admin') body.tenant = tenant.value;
      const u = await api('POST', '/api/v1/users', body);
      message.textContent = t('users.created', { email: u.email });
      form.reset();
      reload();
    } catch (e) {
      error.textContent = t('common.failed', { error: e.message });
    }
  });
  return form;
}
