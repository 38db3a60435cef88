// Telephony pages: tenants, and per tenant its extensions, live registrations, call log, usage and
// the feature codes its phones dial.
import { api, enc, ApiError } from './api.js';
import { h, field, table } from './dom.js';
import { t, has, formatTime, currentLang } from './i18n.js';

const STATUSES = ['trial', 'active', 'suspended', 'cancelled'];

function problem(e) {
  if (e instanceof ApiError && e.status === 404) return t('common.notFoundData');
  if (e instanceof ApiError && e.status === 403) return t('common.forbidden');
  return t('common.failed', { error: e.message });
}

function errorLine(e) {
  return h('p', { class: 'error', role: 'alert' }, problem(e));
}

// ---- tenants -------------------------------------------------------------------------------

export function tenants(main, me) {
  const list = h('div', { id: 'tenant-list' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  main.replaceChildren(h('h1', {}, t('tenants.title')), message, list);
  if (me.role === 'admin') main.append(createTenantForm(message, load));

  async function load() {
    try {
      const rows = await api('GET', '/api/v1/tenants');
      list.replaceChildren(
        rows.length === 0
          ? h('p', { class: 'muted' }, t('tenants.none'))
          : table(
              [t('tenants.domain'), t('tenants.name'), t('tenants.status'), t('tenants.createdAt'), t('common.actions')],
              rows.map((x) => tenantRow(x, me, message, load)),
            ),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  load();
}

function tenantRow(x, me, message, reload) {
  const actions = h(
    'div',
    { class: 'actions' },
    h('a', { href: `#/telephony/tenants/${enc(x.domain)}/extensions` }, t('tenant.extensions')),
    h('a', { href: `#/telephony/tenants/${enc(x.domain)}/registrations` }, t('tenant.registrations')),
    h('a', { href: `#/telephony/tenants/${enc(x.domain)}/calls` }, t('tenant.calls')),
    h('a', { href: `#/telephony/tenants/${enc(x.domain)}/usage` }, t('tenant.usage')),
  );
  if (me.role === 'admin') {
    const suspended = x.status === 'suspended';
    actions.append(
      h(
        'button',
        {
          type: 'button',
          'data-action': suspended ? 'reactivate' : 'suspend',
          onclick: async () => {
            try {
              await api('PATCH', `/api/v1/tenants/${enc(x.domain)}`, { status: suspended ? 'active' : 'suspended' });
              message.textContent = t(suspended ? 'tenants.reactivated' : 'tenants.suspended', { domain: x.domain });
              reload();
            } catch (e) {
              message.textContent = problem(e);
            }
          },
        },
        t(suspended ? 'tenants.reactivate' : 'tenants.suspend'),
      ),
    );
  }
  return h(
    'tr',
    { 'data-domain': x.domain },
    h('td', {}, h('a', { href: `#/telephony/tenants/${enc(x.domain)}/extensions` }, x.domain)),
    h('td', {}, x.name),
    h('td', { class: `status-${x.status}` }, t(`status.${x.status}`)),
    h('td', {}, formatTime(x.createdAt)),
    h('td', {}, actions),
  );
}

function createTenantForm(message, reload) {
  const name = h('input', { name: 'name', required: true, maxlength: 200 });
  const domain = h('input', { name: 'domain', required: true, placeholder: 'acme.example', maxlength: 253 });
  const status = h('select', { name: 'status' }, STATUSES.map((s) => h('option', { value: s }, t(`status.${s}`))));
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', id: 'create-tenant' },
    h('h2', {}, t('tenants.create')),
    h('div', { class: 'fields' }, field(t('tenants.name'), name), field(t('tenants.domain'), domain), field(t('tenants.status'), status),
      h('button', { type: 'submit', class: 'primary' }, t('common.create'))),
    error,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const x = await api('POST', '/api/v1/tenants', { name: name.value, domain: domain.value, status: status.value });
      message.textContent = t('tenants.created', { domain: x.domain });
      form.reset();
      reload();
    } catch (e) {
      error.textContent = problem(e);
    }
  });
  return form;
}

// ---- one tenant ----------------------------------------------------------------------------

const TABS = ['extensions', 'registrations', 'lines', 'calls', 'messages', 'usage', 'groups', 'ivr', 'conference', 'dialplan', 'features'];

export function tenantPage(main, me, domain, tab) {
  const body = h('div', { id: `tab-${tab}` });
  main.replaceChildren(
    h('h1', {}, t(`tenant.${tab}`), ' · ', h('span', { class: 'muted', id: 'tenant-domain' }, domain)),
    h(
      'nav',
      { class: 'tabs', 'aria-label': t('tenant.sections') },
      TABS.map((x) =>
        h('a', { href: `#/telephony/tenants/${enc(domain)}/${x}`, 'aria-current': x === tab ? 'page' : null }, t(`tenant.${x}`)),
      ),
    ),
    body,
  );
  const pages = { extensions, registrations, lines, calls, messages, usage, groups, ivr, conference, dialplan, features };
  return pages[tab](body, me, domain);
}

// ---- extensions ----------------------------------------------------------------------------

function extensions(root, me, domain) {
  const canWrite = me.role === 'admin' || me.role === 'tenant_admin';
  const list = h('div', { id: 'extension-list' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  const base = `/api/v1/tenants/${enc(domain)}/accounts`;
  root.replaceChildren(message, list);
  if (canWrite) root.append(createExtensionForm(base, message, load), importForm(base, message, load));

  async function load() {
    try {
      const rows = await api('GET', base);
      list.replaceChildren(
        rows.length === 0
          ? h('p', { class: 'muted' }, t('ext.none'))
          : table(
              [t('ext.user'), t('ext.displayName'), t('ext.state'), t('common.actions')],
              rows.map((a) => extensionRow(base, a, canWrite, message, load)),
            ),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  load();
}

function extensionRow(base, a, canWrite, message, reload) {
  const row = h(
    'tr',
    { 'data-user': a.user },
    h('td', {}, a.user),
    h('td', {}, a.displayName || ''),
    h('td', { class: a.enabled ? '' : 'off' }, t(a.enabled ? 'ext.enabled' : 'ext.disabled')),
    h('td', {}),
  );
  if (!canWrite) return row;
  const url = `${base}/${enc(a.user)}`;
  const act = async (body, done) => {
    try {
      await api('PATCH', url, body);
      message.textContent = done;
      reload();
    } catch (e) {
      message.textContent = problem(e);
    }
  };
  const edit = h('button', { type: 'button', 'data-action': 'edit' }, t('common.edit'));
  edit.addEventListener('click', () => {
    const name = h('input', { name: 'displayName', value: a.displayName || '', maxlength: 200 });
    const pw = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
    const form = h(
      'form',
      { class: 'fields', 'data-edit': a.user },
      field(t('ext.displayName'), name),
      field(t('ext.newPassword'), pw),
      h('button', { type: 'submit', class: 'primary' }, t('common.save')),
      h('button', { type: 'button', onclick: () => reload() }, t('common.cancel')),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const body = { displayName: name.value || null };
      if (pw.value) body.password = pw.value;
      act(body, t(pw.value ? 'ext.passwordReset' : 'ext.saved', { user: a.user }));
    });
    row.lastChild.replaceChildren(form);
    name.focus();
  });
  const handling = h('button', { type: 'button', 'data-action': 'call-handling' }, t('fwd.edit'));
  handling.addEventListener('click', () => {
    const form = callHandlingForm(a, (options) => act({ options }, t('fwd.saved', { user: a.user })), reload);
    row.lastChild.replaceChildren(form);
  });
  const mailbox = h('button', { type: 'button', 'data-action': 'voicemail-settings' }, t('vm.edit'));
  mailbox.addEventListener('click', () => voicemailForm(`${url}/voicemail-settings`, a.user, row.lastChild, message, reload));
  row.lastChild.append(
    h(
      'div',
      { class: 'actions' },
      edit,
      handling,
      mailbox,
      h(
        'button',
        {
          type: 'button',
          'data-action': a.enabled ? 'disable' : 'enable',
          onclick: () => act({ enabled: !a.enabled }, t(a.enabled ? 'ext.wasDisabled' : 'ext.wasEnabled', { user: a.user })),
        },
        t(a.enabled ? 'ext.disable' : 'ext.enable'),
      ),
    ),
  );
  return row;
}

// The mailbox's own settings: the address each new message is e-mailed to (empty: none).
async function voicemailForm(url, user, cell, message, reload) {
  let current;
  try {
    current = await api('GET', url);
  } catch (e) {
    message.textContent = problem(e);
    return;
  }
  const email = h('input', { name: 'email', type: 'email', value: current.email || '', maxlength: 254 });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'fields', 'data-voicemail': user },
    field(t('vm.email'), email),
    h('p', { class: 'muted' }, t('vm.emailHint')),
    h('button', { type: 'submit', class: 'primary' }, t('common.save')),
    h('button', { type: 'button', onclick: () => reload() }, t('common.cancel')),
    error,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('PUT', url, { email: email.value.trim() || null });
      message.textContent = t('vm.saved', { user });
      reload();
    } catch (e) {
      error.textContent = problem(e);
    }
  });
  cell.replaceChildren(form);
  email.focus();
}

// Forwarding, do-not-disturb and follow-me of one extension: the account's options.
function callHandlingForm(a, save, cancel) {
  const o = a.options || {};
  const text = (name, value) => h('input', { name, value: value || '', maxlength: 512 });
  const dnd = h('input', { name: 'doNotDisturb', type: 'checkbox', checked: o.doNotDisturb ? true : null });
  const always = text('forwardUnconditional', o.forwardUnconditional);
  const busy = text('forwardBusy', o.forwardBusy);
  const noAnswer = text('forwardNoAnswer', o.forwardNoAnswer);
  const seconds = h('input', { name: 'noAnswerSeconds', type: 'number', min: 5, max: 300, value: String(o.noAnswerSeconds || 20) });
  const offline = text('forwardUnregistered', o.forwardUnregistered);
  const followMe = h('input', {
    name: 'followMe',
    value: (o.followMe || []).map((x) => `${x.destination}/${x.ringSeconds}`).join(', '),
    placeholder: '01701234567/20',
  });
  const form = h(
    'form',
    { class: 'fields', 'data-call-handling': a.user },
    field(t('fwd.dnd'), dnd),
    field(t('fwd.always'), always),
    field(t('fwd.busy'), busy),
    field(t('fwd.noAnswer'), noAnswer),
    field(t('fwd.seconds'), seconds),
    field(t('fwd.unregistered'), offline),
    field(t('fwd.followMe'), followMe),
    h('p', { class: 'muted' }, t('fwd.hint')),
    h('button', { type: 'submit', class: 'primary' }, t('common.save')),
    h('button', { type: 'button', onclick: () => cancel() }, t('common.cancel')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const steps = followMe.value
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x)
      .map((x) => {
        const [destination, ring] = x.split('/');
        return { destination: destination.trim(), ringSeconds: Number(ring || 20) };
      });
    save({
      doNotDisturb: dnd.checked,
      forwardUnconditional: always.value || null,
      forwardBusy: busy.value || null,
      forwardNoAnswer: noAnswer.value || null,
      noAnswerSeconds: Number(seconds.value),
      forwardUnregistered: offline.value || null,
      followMe: steps,
    });
  });
  return form;
}

function createExtensionForm(base, message, reload) {
  const user = h('input', { name: 'user', required: true, maxlength: 64, inputmode: 'text' });
  const name = h('input', { name: 'displayName', maxlength: 200 });
  const pw = h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', id: 'create-extension' },
    h('h2', {}, t('ext.create')),
    h('div', { class: 'fields' }, field(t('ext.user'), user), field(t('ext.displayName'), name), field(t('ext.password'), pw),
      h('button', { type: 'submit', class: 'primary' }, t('common.create'))),
    error,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const a = await api('POST', base, { user: user.value, displayName: name.value || null, password: pw.value });
      message.textContent = t('ext.created', { user: a.user });
      form.reset();
      reload();
    } catch (e) {
      error.textContent = problem(e);
    }
  });
  return form;
}

function importForm(base, message, reload) {
  const file = h('input', { type: 'file', name: 'csv', accept: '.csv,text/csv', required: true });
  const progress = h('progress', { max: 1, value: 0, hidden: true, id: 'import-progress' });
  const status = h('p', { role: 'status', id: 'import-status' });
  const report = h('div', { id: 'import-report' });
  const form = h(
    'form',
    { class: 'card', id: 'import-extensions' },
    h('h2', {}, t('import.title')),
    h('p', { class: 'muted' }, t('import.format')),
    h('div', { class: 'fields' }, field(t('import.file'), file), h('button', { type: 'submit', class: 'primary' }, t('import.start'))),
    progress,
    status,
    report,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!file.files.length) return;
    report.replaceChildren();
    try {
      const csv = await file.files[0].text();
      let job = await api('POST', `${base}/import?async=true`, csv, 'text/csv');
      progress.hidden = false;
      const deadline = Date.now() + 10 * 60 * 1000;
      while (job.state === 'running' && Date.now() < deadline) {
        progress.max = Math.max(job.total, 1);
        progress.value = job.processed;
        status.textContent = t('import.progress', { processed: job.processed, total: job.total });
        await new Promise((r) => setTimeout(r, 400));
        job = await api('GET', `${base}/import/${enc(job.id)}`);
      }
      progress.value = progress.max;
      if (job.state === 'done') {
        status.textContent = t('import.done', { imported: job.report.imported, rejected: job.report.rejected.length });
        if (job.report.rejected.length) {
          report.replaceChildren(
            h('h3', {}, t('import.errors')),
            table([t('import.line'), t('ext.user'), t('import.reason')],
              job.report.rejected.map((r) => h('tr', {}, h('td', {}, r.line), h('td', {}, r.user || ''), h('td', {}, r.reason)))),
          );
        }
        message.textContent = '';
        reload();
      } else {
        status.textContent = t('import.failed', { error: job.error ? job.error.error : job.state });
      }
    } catch (e) {
      status.textContent = problem(e);
    }
  });
  return form;
}

// ---- live registrations --------------------------------------------------------------------

function registrations(root, me, domain) {
  const list = h('div', { id: 'registration-list' }, h('p', {}, t('common.loading')));
  const updated = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite', id: 'registrations-updated' });
  root.replaceChildren(h('p', { class: 'muted' }, t('reg.live')), updated, list);
  let stopped = false;
  let timer = null;
  async function poll() {
    try {
      const items = [];
      let cursor = null;
      for (let page = 0; page < 20; page++) {
        const q = new URLSearchParams({ limit: '500' });
        if (cursor) q.set('cursor', cursor);
        const r = await api('GET', `/api/v1/tenants/${enc(domain)}/registrations?${q}`);
        items.push(...r.items);
        cursor = r.next;
        if (!cursor) break;
      }
      if (stopped) return;
      const now = Date.now();
      list.replaceChildren(
        items.length === 0
          ? h('p', { class: 'muted' }, t('reg.none'))
          : table(
              [t('reg.aor'), t('reg.contact'), t('reg.transport'), t('reg.userAgent'), t('reg.expires')],
              items.map((b) =>
                h('tr', { 'data-aor': b.aor },
                  h('td', {}, b.aor), h('td', {}, b.contact), h('td', {}, b.transport), h('td', {}, b.userAgent || ''),
                  h('td', { title: formatTime(b.expiresAt) }, t('reg.inSeconds', { seconds: Math.max(0, Math.round((Date.parse(b.expiresAt) - now) / 1000)) }))),
              ),
            ),
      );
      updated.textContent = t('reg.updated', { time: new Date().toLocaleTimeString(currentLang()) });
    } catch (e) {
      if (!stopped) list.replaceChildren(errorLine(e));
    }
    if (!stopped) timer = setTimeout(poll, 2000);
  }
  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// ---- ring and hunt groups -------------------------------------------------------------------

function groups(root, me, domain) {
  return numberedList(root, me, {
    base: `/api/v1/tenants/${enc(domain)}/groups`,
    kind: 'group',
    section: 'groups',
    headers: [t('groups.number'), t('groups.name'), t('groups.strategy'), t('groups.members'), t('groups.ringTimes'), t('groups.final'), t('groups.queue')],
    cells: (g) => [g.number, g.name, t(`groups.strategy.${g.strategy}`), g.members.join(', '),
      t('groups.seconds', { member: g.memberRingSeconds, total: g.totalRingSeconds }), g.finalDestination || '',
      g.queue && g.queue.enabled ? t('groups.queued', { callers: g.queue.maxCallers, wait: g.queue.maxWaitSeconds }) : ''],
    form: groupForm,
    explain: problem,
  });
}

// A tenant's numbered services (groups, menus, rooms): a table with Edit and Delete on each row, a
// form below it for a new one, and the edited one's form above it. With `poll`, the table is read
// again every two seconds while the page is open (who is in a room changes by itself).
function numberedList(root, me, { base, kind, section, headers, cells, form, explain, poll }) {
  const canWrite = me.role === 'admin' || me.role === 'tenant_admin';
  const list = h('div', { id: `${kind}-list` }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  const editor = h('div', { id: `${kind}-editor` });
  root.replaceChildren(h('p', { class: 'muted' }, t(`${section}.intro`)), message, list, editor);
  if (canWrite) root.append(form(base, message, load, null));
  let shown = null;
  let stopped = false;
  let timer = null;

  function row(x) {
    const edit = () => {
      editor.replaceChildren(form(base, message, () => { editor.replaceChildren(); load(); }, x));
      editor.querySelector('input:not([disabled])').focus();
    };
    const remove = async () => {
      try {
        await api('DELETE', `${base}/${enc(x.number)}`);
        message.textContent = t(`${section}.deleted`, { number: x.number });
        load();
      } catch (e) {
        message.textContent = explain(e);
      }
    };
    return h('tr', { [`data-${kind}`]: x.number },
      cells(x).map((c) => h('td', {}, c)),
      h('td', {}, canWrite
        ? [h('button', { type: 'button', 'data-action': 'edit', onclick: edit }, t(`${section}.edit`)), ' ',
            h('button', { type: 'button', 'data-action': 'delete', onclick: remove }, t(`${section}.delete`))]
        : ''));
  }

  let latest = 0;
  async function load() {
    // Only the latest read draws and schedules the next poll: a save's reload may overlap a poll.
    const seq = ++latest;
    clearTimeout(timer);
    try {
      const r = await api('GET', base);
      if (seq !== latest) return;
      // Re-drawn only when something changed, so a poll does not take the row from under a click.
      const text = JSON.stringify(r.items);
      if (!stopped && text !== shown) {
        shown = text;
        list.replaceChildren(
          r.items.length === 0
            ? h('p', { class: 'muted', id: `${kind}s-none` }, t(`${section}.none`))
            : table([...headers, t('common.actions')], r.items.map(row)),
        );
      }
    } catch (e) {
      if (seq !== latest) return;
      shown = null;
      if (!stopped) list.replaceChildren(errorLine(e));
    }
    clearTimeout(timer);
    if (poll && !stopped) timer = setTimeout(load, 2000);
  }
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// Sends a form's value when it is submitted; what the API refuses is shown in `error`, next to it.
function onSave(form, error, explain, save) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      await save();
    } catch (e) {
      error.textContent = explain(e);
    }
  });
}

// An API error in the user's language: the field at fault and what is wrong with it from this
// section's strings (`keys.2` is `keys.each` with the key as {key}), else by the status.
// The server's English sentence is never shown.
function formProblem(section) {
  return (e) => {
    if (!(e instanceof ApiError)) return t('form.unreachable');
    if (e.status === 403) return t('common.forbidden');
    if (e.status === 409) return t('form.exists');
    if (e.status === 413) return t('form.tooLarge');
    const f = e.field || '';
    if (f && has(`${section}.err.${f}`)) return t(`${section}.err.${f}`);
    const dot = f.lastIndexOf('.');
    if (dot > 0 && has(`${section}.err.${f.slice(0, dot)}.each`)) return t(`${section}.err.${f.slice(0, dot)}.each`, { key: f.slice(dot + 1) });
    if (e.status === 404) return t('common.notFoundData');
    return e.status >= 500 ? t('form.serverFailed') : t('form.invalid');
  };
}

// Creates a group, or (given `group`) edits that one in place: same fields, the number fixed.
function groupForm(base, message, reload, group) {
  const editing = group != null;
  const number = h('input', { name: 'number', required: true, maxlength: 16, inputmode: 'numeric', pattern: '[0-9]{2,16}', value: editing ? group.number : '', disabled: editing });
  const name = h('input', { name: 'name', required: true, maxlength: 200, value: editing ? group.name : '' });
  const strategy = h('select', { name: 'strategy' },
    ['simultaneous', 'in_order', 'round_robin'].map((x) => h('option', { value: x, selected: editing && group.strategy === x }, t(`groups.strategy.${x}`))));
  const members = h('input', { name: 'members', required: true, placeholder: '1002, 1003', value: editing ? group.members.join(', ') : '' });
  const member = h('input', { name: 'memberRingSeconds', type: 'number', min: 5, max: 300, value: editing ? String(group.memberRingSeconds) : '20' });
  const total = h('input', { name: 'totalRingSeconds', type: 'number', min: 5, max: 900, value: editing ? String(group.totalRingSeconds) : '60' });
  const final = h('input', { name: 'finalDestination', maxlength: 512, value: editing ? group.finalDestination || '' : '' });
  // The queue: callers answered by the server wait with hold music for a member.
  const q = (editing && group.queue) || { enabled: false, maxWaitSeconds: 120, maxCallers: 10 };
  const queued = h('input', { name: 'queueEnabled', type: 'checkbox', checked: q.enabled ? true : null });
  const maxWait = h('input', { name: 'queueMaxWaitSeconds', type: 'number', min: 5, max: 3600, value: String(q.maxWaitSeconds) });
  const maxCallers = h('input', { name: 'queueMaxCallers', type: 'number', min: 1, max: 100, value: String(q.maxCallers) });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    editing ? { class: 'card', id: 'edit-group', 'data-group': group.number } : { class: 'card', id: 'create-group' },
    h('h2', {}, editing ? t('groups.editing', { number: group.number }) : t('groups.create')),
    h('div', { class: 'fields' },
      field(t('groups.number'), number), field(t('groups.name'), name), field(t('groups.strategy'), strategy),
      field(t('groups.members'), members), field(t('groups.memberSeconds'), member), field(t('groups.totalSeconds'), total),
      field(t('groups.final'), final), field(t('groups.queueEnabled'), queued),
      field(t('groups.queueMaxWait'), maxWait), field(t('groups.queueMaxCallers'), maxCallers),
      h('button', { type: 'submit', class: 'primary' }, editing ? t('common.save') : t('common.create'))),
    error,
  );
  onSave(form, error, problem, async () => {
    const g = await api(editing ? 'PUT' : 'POST', editing ? `${base}/${enc(group.number)}` : base, {
      number: number.value,
      name: name.value,
      strategy: strategy.value,
      members: members.value.split(',').map((x) => x.trim()).filter((x) => x),
      memberRingSeconds: Number(member.value),
      totalRingSeconds: Number(total.value),
      finalDestination: final.value || null,
      queue: { enabled: queued.checked, maxWaitSeconds: Number(maxWait.value), maxCallers: Number(maxCallers.value) },
    });
    message.textContent = t(editing ? 'groups.saved' : 'groups.created', { number: g.number });
    if (!editing) form.reset();
    reload();
  });
  return form;
}

// ---- auto-attendant menus --------------------------------------------------------------------

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];
const DESTINATIONS = ['dial', 'voicemail', 'menu', 'extension', 'hangup'];
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

// A destination as people read it: "Extension or group 2000", "Hang up".
function destinationText(text) {
  const [kind, arg] = splitDestination(text);
  return t(`ivr.dest.${kind}.is`, { target: arg });
}

function splitDestination(text) {
  const i = (text || '').indexOf(':');
  return i < 0 ? [text || 'hangup', ''] : [text.slice(0, i), text.slice(i + 1)];
}

// Where a key (or a timeout, or a call after hours) goes: a kind and, for most kinds, a number.
function destinationInput(name, text) {
  const [kind0, arg0] = splitDestination(text);
  const kind = h('select', { name: `${name}Kind`, 'aria-label': t('ivr.destKind') },
    DESTINATIONS.map((k) => h('option', { value: k, selected: k === kind0 }, t(`ivr.dest.${k}`))));
  const target = h('input', { name: `${name}Target`, value: arg0, maxlength: 64, 'aria-label': t('ivr.destTarget'), placeholder: '2000' });
  const sync = () => { target.hidden = kind.value === 'extension' || kind.value === 'hangup'; };
  kind.addEventListener('change', sync);
  sync();
  return {
    el: h('span', { class: 'destination', 'data-destination': name }, kind, ' ', target),
    value: () => (target.hidden ? kind.value : `${kind.value}:${target.value.trim()}`),
  };
}

function ivr(root, me, domain) {
  return numberedList(root, me, {
    base: `/api/v1/tenants/${enc(domain)}/ivr-menus`,
    kind: 'menu',
    section: 'ivr',
    headers: [t('ivr.number'), t('ivr.name'), t('ivr.keys'), t('ivr.fallback'), t('ivr.hours'), t('ivr.greeting')],
    cells: (m) => [
      m.number,
      m.name,
      h('ul', { class: 'plain' }, Object.entries(m.keys).map(([k, d]) => h('li', {}, `${k} → ${destinationText(d)}`))),
      t('ivr.afterSeconds', { seconds: m.timeoutSeconds, retries: m.retries, destination: destinationText(m.fallback) }),
      m.hours ? hoursText(m.hours, m.afterHours) : t('ivr.always'),
      t(m.hasGreeting ? 'ivr.greetingUploaded' : 'ivr.greetingNone'),
    ],
    form: menuForm,
    explain: formProblem('ivr'),
  });
}

function hoursText(hours, afterHours) {
  const days = hours.days.map((d) => t(`ivr.day.${d}`)).join(' ');
  const text = t('ivr.hoursAre', { days, open: hours.open, close: hours.close, zone: hours.timeZone, destination: destinationText(afterHours) });
  return hours.holidays.length ? `${text} ${t('ivr.holidaysAre', { dates: hours.holidays.join(', ') })}` : text;
}

// Creates a menu, or (given `menu`) edits that one; the greeting file, if one is chosen, is sent
// once the menu is saved.
function menuForm(base, message, reload, menu) {
  const editing = menu != null;
  const m = menu || { number: '', name: '', timeoutSeconds: 5, retries: 2, keys: {}, fallback: 'hangup', hours: null };
  const number = h('input', { name: 'number', required: true, maxlength: 16, inputmode: 'numeric', value: m.number, disabled: editing });
  const name = h('input', { name: 'name', maxlength: 100, value: editing ? m.name : '' });
  const greeting = h('input', { name: 'greeting', type: 'file', accept: 'audio/wav,.wav' });
  const timeout = h('input', { name: 'timeoutSeconds', type: 'number', min: 1, max: 60, value: String(m.timeoutSeconds) });
  const retries = h('input', { name: 'retries', type: 'number', min: 0, max: 10, value: String(m.retries) });
  const fallback = destinationInput('fallback', m.fallback);

  const keyRows = h('tbody', { id: editing ? null : 'new-menu-keys' });
  const keyRow = (key, text) => {
    const k = h('select', { name: 'key', 'aria-label': t('ivr.key') }, KEYS.map((x) => h('option', { value: x, selected: x === key }, x)));
    const d = destinationInput('key', text);
    const tr = h('tr', { 'data-key-row': '' }, h('td', {}, k), h('td', {}, d.el),
      h('td', {}, h('button', { type: 'button', 'data-action': 'remove-key', onclick: () => tr.remove() }, t('common.remove'))));
    tr.read = () => [k.value, d.value()];
    keyRows.append(tr);
  };
  Object.entries(m.keys).forEach(([k, d]) => keyRow(k, d));
  const addKey = h('button', { type: 'button', 'data-action': 'add-key',
    onclick: () => keyRow(KEYS.find((x) => ![...keyRows.children].some((r) => r.read()[0] === x)) || '1', 'dial:') }, t('ivr.addKey'));

  const hours = m.hours || { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', days: DAYS.slice(0, 5), open: '09:00', close: '17:00', holidays: [] };
  const useHours = h('input', { name: 'useHours', type: 'checkbox', checked: m.hours ? true : null });
  const zones = h('datalist', { id: `zones-${editing ? m.number : 'new'}` },
    (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : ['UTC']).map((z) => h('option', { value: z })));
  const zone = h('input', { name: 'timeZone', value: hours.timeZone, list: zones.id, maxlength: 64 });
  const days = DAYS.map((d) => h('input', { type: 'checkbox', name: `day-${d}`, value: d, checked: hours.days.includes(d) ? true : null }));
  const open = h('input', { name: 'open', type: 'time', value: hours.open });
  const close = h('input', { name: 'close', type: 'time', value: hours.close });
  const holidays = h('input', { name: 'holidays', value: hours.holidays.join(', '), placeholder: '2026-12-25, 2027-01-01' });
  const afterHours = destinationInput('afterHours', m.afterHours || 'voicemail:');
  const hoursBox = h('fieldset', { class: 'fields', 'data-hours': '' },
    h('legend', {}, t('ivr.hours')),
    field(t('ivr.timeZone'), zone), zones,
    h('span', { class: 'days' }, days.map((c, i) => field(t(`ivr.day.${DAYS[i]}`), c))),
    field(t('ivr.open'), open), field(t('ivr.close'), close),
    field(t('ivr.holidays'), holidays),
    h('label', {}, h('span', {}, t('ivr.afterHours')), afterHours.el));
  const syncHours = () => { hoursBox.hidden = !useHours.checked; };
  useHours.addEventListener('change', syncHours);
  syncHours();

  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    editing ? { class: 'card', id: 'edit-menu', 'data-menu': m.number } : { class: 'card', id: 'create-menu' },
    h('h2', {}, editing ? t('ivr.editing', { number: m.number }) : t('ivr.create')),
    h('div', { class: 'fields' }, field(t('ivr.number'), number), field(t('ivr.name'), name), field(t('ivr.greetingFile'), greeting)),
    h('fieldset', {}, h('legend', {}, t('ivr.keys')), h('table', {}, keyRows), addKey),
    h('div', { class: 'fields' }, field(t('ivr.timeout'), timeout), field(t('ivr.retries'), retries),
      h('label', {}, h('span', {}, t('ivr.fallback')), fallback.el)),
    field(t('ivr.useHours'), useHours),
    hoursBox,
    h('button', { type: 'submit', class: 'primary' }, editing ? t('common.save') : t('common.create')),
    error,
  );
  onSave(form, error, formProblem('ivr'), async () => {
    const body = {
      number: number.value.trim(),
      name: name.value.trim() || null,
      timeoutSeconds: Number(timeout.value),
      retries: Number(retries.value),
      keys: Object.fromEntries([...keyRows.children].map((r) => r.read())),
      fallback: fallback.value(),
    };
    if (useHours.checked) {
      body.hours = {
        timeZone: zone.value.trim(),
        days: days.filter((c) => c.checked).map((c) => c.value),
        open: open.value,
        close: close.value,
        holidays: holidays.value.split(',').map((x) => x.trim()).filter((x) => x),
      };
      body.afterHours = afterHours.value();
    }
    const saved = await api(editing ? 'PUT' : 'POST', editing ? `${base}/${enc(m.number)}` : base, body);
    if (greeting.files.length) await api('PUT', `${base}/${enc(saved.number)}/greeting`, greeting.files[0], 'audio/wav');
    message.textContent = t(editing ? 'ivr.saved' : 'ivr.created', { number: saved.number });
    if (!editing) form.replaceWith(menuForm(base, message, reload, null));
    reload();
  });
  return form;
}

// ---- conference rooms ------------------------------------------------------------------------

// The tenant's rooms and who is in each now, read again every two seconds like "On the phone".
function conference(root, me, domain) {
  return numberedList(root, me, {
    base: `/api/v1/tenants/${enc(domain)}/conference-rooms`,
    kind: 'room',
    section: 'conf',
    headers: [t('conf.number'), t('conf.name'), t('conf.pins'), t('conf.inRoom')],
    cells: (r) => [
      r.number,
      r.name,
      [r.hasPin ? t('conf.hasPin') : t('conf.open'), r.hasModeratorPin ? ` · ${t('conf.hasModeratorPin')}` : '',
        r.waitForModerator ? ` · ${t('conf.waits')}` : ''].join(''),
      r.participants.length === 0
        ? h('span', { class: 'muted' }, t('conf.empty'))
        : h('ul', { class: 'plain' }, r.participants.map((p) =>
            h('li', { 'data-caller': p.caller }, p.caller, p.muted ? ` (${t('conf.muted')})` : '', ' · ',
              t('conf.since', { time: formatTime(p.joinedAt) })))),
    ],
    form: roomForm,
    explain: formProblem('conf'),
    poll: true,
  });
}

// Creates a room, or (given `room`) changes that one. PINs are write-only: the fields start empty,
// and an edit sends a PIN only when one is typed (or removed), so the stored one is kept otherwise.
function roomForm(base, message, reload, room) {
  const editing = room != null;
  const number = h('input', { name: 'number', required: true, maxlength: 16, inputmode: 'numeric', value: editing ? room.number : '', disabled: editing });
  const name = h('input', { name: 'name', maxlength: 100, value: editing ? room.name : '' });
  const pinInput = (fieldName, isSet) => {
    const input = h('input', { name: fieldName, type: 'password', autocomplete: 'new-password', inputmode: 'numeric', maxlength: 12,
      placeholder: isSet ? t('conf.pinUnchanged') : '' });
    const remove = isSet ? h('input', { type: 'checkbox', name: `${fieldName}Remove` }) : null;
    return { input, remove, value: () => (remove && remove.checked ? null : input.value.trim() || undefined) };
  };
  const pin = pinInput('pin', editing && room.hasPin);
  const moderator = pinInput('moderatorPin', editing && room.hasModeratorPin);
  const wait = h('input', { name: 'waitForModerator', type: 'checkbox', checked: editing && room.waitForModerator ? true : null });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    editing ? { class: 'card', id: 'edit-room', 'data-room': room.number } : { class: 'card', id: 'create-room' },
    h('h2', {}, editing ? t('conf.editing', { number: room.number }) : t('conf.create')),
    h('div', { class: 'fields' },
      field(t('conf.number'), number), field(t('conf.name'), name),
      field(t('conf.pin'), pin.input), pin.remove ? field(t('conf.removePin'), pin.remove) : '',
      field(t('conf.moderatorPin'), moderator.input), moderator.remove ? field(t('conf.removeModeratorPin'), moderator.remove) : '',
      field(t('conf.waitForModerator'), wait),
      h('button', { type: 'submit', class: 'primary' }, editing ? t('common.save') : t('common.create'))),
    h('p', { class: 'muted' }, t(editing ? 'conf.pinHintEdit' : 'conf.pinHint')),
    error,
  );
  onSave(form, error, formProblem('conf'), async () => {
    // JSON.stringify leaves out an undefined PIN: not sent, so kept (or, new, none).
    const body = { name: name.value.trim() || null, pin: pin.value(), moderatorPin: moderator.value(), waitForModerator: wait.checked };
    const saved = editing
      ? await api('PATCH', `${base}/${enc(room.number)}`, body)
      : await api('POST', base, { number: number.value.trim(), ...body });
    message.textContent = t(editing ? 'conf.saved' : 'conf.created', { number: saved.number });
    form.reset();
    reload();
  });
  return form;
}

// ---- dial plan -------------------------------------------------------------------------------

// Prefixes, routes and emergency numbers, and a number tried against them (the server's E.164).
function dialplan(root, me, domain) {
  const canWrite = me.role === 'admin' || me.role === 'tenant_admin';
  const base = `/api/v1/tenants/${enc(domain)}/dial-plan`;
  const message = h('p', { role: 'status', class: 'ok' });
  const holder = h('div', { id: 'dial-plan' }, h('p', {}, t('common.loading')));
  root.replaceChildren(h('p', { class: 'muted' }, t('dialplan.intro')), message, holder);
  const list = (v) => v.split(',').map((x) => x.trim()).filter((x) => x);
  (async () => {
    let plan;
    try {
      plan = await api('GET', base);
    } catch (e) {
      holder.replaceChildren(errorLine(e));
      return;
    }
    const input = (name, value, extra) => h('input', { name, value: value == null ? '' : String(value), disabled: !canWrite, ...extra });
    const inputs = {
      countryCode: input('countryCode', plan.countryCode, { inputmode: 'numeric', maxlength: 4 }),
      nationalPrefix: input('nationalPrefix', plan.nationalPrefix, { inputmode: 'numeric', maxlength: 4 }),
      internationalPrefix: input('internationalPrefix', plan.internationalPrefix, { inputmode: 'numeric', maxlength: 6 }),
      outboundRoute: input('outboundRoute', plan.outboundRoute, { maxlength: 253 }),
      emergencyNumbers: input('emergencyNumbers', plan.emergencyNumbers.join(', ')),
      emergencyRoute: input('emergencyRoute', plan.emergencyRoute, { maxlength: 253 }),
      presenceDomains: input('presenceDomains', plan.presenceDomains.join(', ')),
    };
    const error = h('p', { class: 'error', role: 'alert' });
    const form = h('form', { class: 'card', id: 'dial-plan-form' },
      h('div', { class: 'fields' },
        Object.entries(inputs).map(([k, el]) => field(t(`dialplan.${k}`), el)),
        canWrite ? h('button', { type: 'submit', class: 'primary' }, t('common.save')) : ''),
      error);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      const text = (el) => (el.value.trim() === '' ? null : el.value.trim());
      try {
        await api('PATCH', base, {
          countryCode: text(inputs.countryCode),
          nationalPrefix: text(inputs.nationalPrefix),
          internationalPrefix: text(inputs.internationalPrefix),
          outboundRoute: text(inputs.outboundRoute),
          emergencyNumbers: list(inputs.emergencyNumbers.value),
          emergencyRoute: text(inputs.emergencyRoute),
          presenceDomains: list(inputs.presenceDomains.value),
        });
        message.textContent = t('dialplan.saved');
      } catch (e) {
        error.textContent = problem(e);
      }
    });
    // The E.164 form of a number by the saved plan, as outside calls are sent to the trunk.
    const number = h('input', { name: 'tryNumber', inputmode: 'tel', placeholder: '030 1234567' });
    const result = h('output', { id: 'e164-result' });
    const tryForm = h('form', { class: 'card', id: 'e164-form' },
      h('h2', {}, t('dialplan.e164')),
      h('div', { class: 'fields' }, field(t('dialplan.tryNumber'), number),
        h('button', { type: 'submit' }, t('dialplan.normalise'))),
      result);
    tryForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const r = await api('GET', `${base}/e164?number=${encodeURIComponent(number.value)}`);
        result.textContent = r.e164 ? `${r.number} → ${r.e164}` : t('dialplan.noE164', { number: r.number });
      } catch (e) {
        result.textContent = problem(e);
      }
    });
    holder.replaceChildren(form, tryForm);
  })();
}

// ---- who is on the phone now -----------------------------------------------------------------

// The PBX's own dialog state (what busy lamps show), polled like the registrations.
function lines(root, me, domain) {
  const list = h('div', { id: 'line-list' }, h('p', {}, t('common.loading')));
  const updated = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite', id: 'lines-updated' });
  root.replaceChildren(h('p', { class: 'muted' }, t('lines.live')), updated, list);
  let stopped = false;
  let timer = null;
  async function poll() {
    try {
      const r = await api('GET', `/api/v1/tenants/${enc(domain)}/lines`);
      if (stopped) return;
      list.replaceChildren(
        r.items.length === 0
          ? h('p', { class: 'muted', id: 'lines-none' }, t('lines.none'))
          : table(
              [t('lines.extension'), t('lines.state'), t('lines.direction')],
              r.items.map((l) =>
                h('tr', { 'data-aor': l.aor, 'data-state': l.state },
                  h('td', {}, l.aor), h('td', {}, t(`lines.state.${l.state}`)), h('td', {}, t(`lines.${l.direction}`))),
              ),
            ),
      );
      updated.textContent = t('reg.updated', { time: new Date().toLocaleTimeString(currentLang()) });
    } catch (e) {
      if (!stopped) list.replaceChildren(errorLine(e));
    }
    if (!stopped) timer = setTimeout(poll, 2000);
  }
  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// ---- instant messages ----------------------------------------------------------------------

// The tenant's MESSAGE history, newest first: kept for an offline extension, then delivered (or not).
function messages(root, me, domain) {
  const list = h('tbody', { id: 'message-rows' });
  const status = h('p', { class: 'muted', role: 'status', id: 'messages-status' }, t('common.loading'));
  const more = h('button', { type: 'button', id: 'messages-more', hidden: true }, t('msgs.more'));
  root.replaceChildren(
    h('p', { class: 'muted' }, t('msgs.intro')),
    h('div', { class: 'table-wrap' },
      h('table', {},
        h('thead', {}, h('tr', {}, [t('msgs.received'), t('msgs.from'), t('msgs.to'), t('msgs.status'), t('msgs.body')].map((c) => h('th', { scope: 'col' }, c)))),
        list)),
    status,
    more,
  );
  let next = null;
  async function page() {
    more.hidden = true;
    try {
      const q = next ? `&cursor=${encodeURIComponent(next)}` : '';
      const r = await api('GET', `/api/v1/tenants/${enc(domain)}/messages?limit=100${q}`);
      for (const m of r.items) {
        list.append(
          h('tr', { 'data-id': String(m.id), 'data-status': m.status },
            h('td', {}, formatTime(m.receivedAt)),
            h('td', {}, m.sender),
            h('td', {}, m.recipient),
            h('td', {}, t(`msgs.status.${m.status}`)),
            h('td', {}, m.body)),
        );
      }
      next = r.next;
      more.hidden = !next;
      status.textContent = list.children.length === 0 ? t('msgs.none') : '';
    } catch (e) {
      status.replaceChildren(errorLine(e));
    }
  }
  more.addEventListener('click', page);
  page();
}

// ---- call log ------------------------------------------------------------------------------

const RESULTS = ['', '200', '486', '480', '487', '404', '603'];

function callQuery(form, cursor, limit) {
  const q = new URLSearchParams({ limit: String(limit) });
  for (const name of ['from', 'to', 'extension', 'status']) {
    const v = form.elements[name].value.trim();
    if (v) q.set(name, v);
  }
  if (cursor) q.set('cursor', cursor);
  return q;
}

function calls(root, me, domain) {
  const base = `/api/v1/tenants/${enc(domain)}/calls`;
  const form = h(
    'form',
    { class: 'card', id: 'call-filters' },
    h('div', { class: 'fields' },
      field(t('calls.from'), h('input', { type: 'date', name: 'from' })),
      field(t('calls.to'), h('input', { type: 'date', name: 'to' })),
      field(t('calls.extension'), h('input', { name: 'extension', maxlength: 64 })),
      field(t('calls.result'), h('select', { name: 'status' }, RESULTS.map((r) => h('option', { value: r }, t(`calls.result.${r || 'any'}`))))),
      h('button', { type: 'submit', class: 'primary' }, t('calls.apply')),
      h('button', { type: 'button', id: 'export-csv', onclick: () => exportCsv(base, form, status) }, t('calls.export'))),
  );
  const list = h('div', { id: 'call-list' });
  const status = h('p', { role: 'status', class: 'muted' });
  const pager = h('div', { class: 'actions' });
  root.replaceChildren(form, status, list, pager);
  const history = [];
  async function load(cursor) {
    try {
      const r = await api('GET', `${base}?${callQuery(form, cursor, 50)}`);
      list.replaceChildren(
        r.items.length === 0
          ? h('p', { class: 'muted' }, t('calls.none'))
          : table(
              [t('calls.setup'), t('calls.fromUri'), t('calls.toUri'), t('calls.direction'), t('calls.duration'), t('calls.status'), t('calls.endedBy')],
              r.items.map((c) =>
                h('tr', { 'data-call': c.callId },
                  h('td', {}, formatTime(c.setupTime)), h('td', {}, c.from), h('td', {}, c.to), h('td', {}, c.direction),
                  h('td', {}, t('calls.seconds', { seconds: c.durationSeconds })), h('td', {}, c.status), h('td', {}, c.endedBy))),
            ),
      );
      pager.replaceChildren(
        h('button', { type: 'button', disabled: history.length === 0, onclick: () => { history.pop(); load(history[history.length - 1]); } }, t('common.previous')),
        h('button', { type: 'button', id: 'next-page', disabled: !r.next, onclick: () => { history.push(r.next); load(r.next); } }, t('common.next')),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    history.length = 0;
    load(null);
  });
  load(null);
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would be read as a formula by spreadsheets; quote and prefix it.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function exportCsv(base, form, status) {
  const cols = ['callId', 'from', 'to', 'direction', 'setupTime', 'answerTime', 'endTime', 'durationSeconds', 'status', 'endedBy'];
  const lines = [cols.join(',')];
  let cursor = null;
  try {
    for (let page = 0; page < 200; page++) {
      const r = await api('GET', `${base}?${callQuery(form, cursor, 500)}`);
      for (const c of r.items) lines.push(cols.map((k) => csvCell(c[k])).join(','));
      status.textContent = t('calls.exporting', { rows: lines.length - 1 });
      cursor = r.next;
      if (!cursor) break;
    }
    const blob = new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' });
    const a = h('a', { href: URL.createObjectURL(blob), download: 'calls.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    status.textContent = t('calls.exported', { rows: lines.length - 1 });
  } catch (e) {
    status.textContent = problem(e);
  }
}

// ---- usage chart ---------------------------------------------------------------------------

function usage(root, me, domain) {
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const form = h(
    'form',
    { class: 'card', id: 'usage-range' },
    h('div', { class: 'fields' }, field(t('calls.from'), from), field(t('calls.to'), to),
      h('button', { type: 'submit', class: 'primary' }, t('calls.apply'))),
  );
  const chart = h('div', { class: 'chart', id: 'usage-chart', role: 'img', 'aria-label': t('usage.chart') });
  const numbers = h('div', { id: 'usage-table' });
  const media = h('section', { class: 'card', id: 'media-usage' });
  root.replaceChildren(form, chart, media, numbers);
  let plot = null;
  const resize = () => plot && plot.setSize({ width: chart.clientWidth - 16, height: 300 });
  window.addEventListener('resize', resize);
  async function load() {
    const q = new URLSearchParams();
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    try {
      const r = await api('GET', `/api/v1/tenants/${enc(domain)}/usage/daily?${q}`);
      from.value = r.from;
      to.value = r.to;
      const xs = r.days.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
      const data = [xs, r.days.map((d) => d.calls), r.days.map((d) => d.minutes)];
      if (plot) plot.destroy();
      chart.replaceChildren();
      if (window.uPlot) {
        plot = new window.uPlot(
          {
            width: Math.max(chart.clientWidth - 16, 260),
            height: 300,
            tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
            scales: { x: { time: true }, min: { auto: true } },
            series: [
              {},
              { label: t('usage.calls'), stroke: '#1f5fbf', width: 2, fill: 'rgba(31,95,191,0.08)' },
              { label: t('usage.minutes'), stroke: '#c26a00', width: 2, scale: 'min' },
            ],
            axes: [{}, { label: t('usage.calls') }, { side: 1, scale: 'min', label: t('usage.minutes'), grid: { show: false } }],
          },
          data,
          chart,
        );
      }
      mediaUsage(media, r.media);
      numbers.replaceChildren(
        table([t('usage.date'), t('usage.calls'), t('usage.answered'), t('usage.minutes')],
          r.days.slice().reverse().map((d) => h('tr', {}, h('td', {}, d.date), h('td', {}, d.calls), h('td', {}, d.answered), h('td', {}, d.minutes)))),
      );
    } catch (e) {
      chart.replaceChildren(errorLine(e));
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  load();
  return () => {
    window.removeEventListener('resize', resize);
    if (plot) plot.destroy();
  };
}

// What the tenant's media files take on disk now, in all and by kind.
function mediaUsage(root, m) {
  const size = (bytes) => {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let v = bytes;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return `${v.toLocaleString(currentLang(), { maximumFractionDigits: u === 0 ? 0 : 1 })} ${units[u]}`;
  };
  const parts = [
    ['voicemailRecordingBytes', 'usage.media.recordings'],
    ['voicemailGreetingBytes', 'usage.media.voicemailGreetings'],
    ['ivrGreetingBytes', 'usage.media.ivrGreetings'],
    ['holdMusicBytes', 'usage.media.holdMusic'],
  ];
  root.replaceChildren(
    h('h2', {}, t('usage.media')),
    h('p', { id: 'media-total', 'data-bytes': String(m.totalBytes) }, t('usage.media.total', { size: size(m.totalBytes) })),
    table([t('usage.media.kind'), t('usage.media.size')],
      parts.map(([k, label]) => h('tr', { 'data-media': k, 'data-bytes': String(m[k]) }, h('td', {}, t(label)), h('td', {}, size(m[k]))))),
  );
}

// ---- feature codes -------------------------------------------------------------------------

// The star codes the tenant's phones dial (DND, forwarding, pickup, voicemail): one form, saved
// together, so two codes can be swapped in one change.
function features(root, me, domain) {
  const canWrite = me.role === 'admin' || me.role === 'tenant_admin';
  const url = `/api/v1/tenants/${enc(domain)}/feature-codes`;
  const list = h('div', { id: 'feature-list' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  const retention = h('div', { id: 'voicemail-retention' });
  const music = h('div', { id: 'hold-music' });
  root.replaceChildren(h('p', { class: 'muted' }, t('features.intro')), message, list, retention, music);
  retentionForm(retention, canWrite, `/api/v1/tenants/${enc(domain)}/voicemail-retention`);
  if (canWrite) holdMusicForm(music, `/api/v1/tenants/${enc(domain)}/hold-music`);

  function render(items) {
    const inputs = new Map();
    const rows = items.map((f) => {
      const input = h('input', {
        name: f.feature,
        value: f.code,
        required: true,
        maxlength: 16,
        pattern: '[*#0-9]{1,16}',
        inputmode: 'tel',
        'aria-label': t(`features.${f.feature}`),
        disabled: canWrite ? null : true,
      });
      inputs.set(f.feature, { input, code: f.code });
      return h(
        'tr',
        { 'data-feature': f.feature },
        h('td', {}, t(`features.${f.feature}`)),
        h('td', {}, input, f.takesNumber ? h('span', { class: 'muted' }, ' ', t('features.thenNumber')) : ''),
        h('td', { class: 'muted' }, f.defaultCode),
      );
    });
    const error = h('p', { class: 'error', role: 'alert' });
    const form = h(
      'form',
      { id: 'feature-codes' },
      table([t('features.feature'), t('features.code'), t('features.default')], rows),
      canWrite ? h('button', { type: 'submit', class: 'primary' }, t('common.save')) : '',
      error,
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      const body = {};
      for (const [feature, { input, code }] of inputs) {
        if (input.value.trim() !== code) body[feature] = input.value.trim();
      }
      try {
        render((await api('PATCH', url, body)).items);
        message.textContent = t('features.saved');
      } catch (e) {
        error.textContent = problem(e);
      }
    });
    list.replaceChildren(form);
  }

  async function load() {
    try {
      render((await api('GET', url)).items);
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  load();
}

// The tenant's voicemail limits: messages per mailbox and their age in days (empty: no limit).
async function retentionForm(root, canWrite, url) {
  let current;
  try {
    current = await api('GET', url);
  } catch (e) {
    // A node without voicemail has no limits to set: say nothing rather than show an error.
    root.replaceChildren(e instanceof ApiError && e.status === 404 ? '' : errorLine(e));
    return;
  }
  const number = (name, value, max) =>
    h('input', { name, type: 'number', min: 1, max, value: value == null ? '' : String(value), disabled: canWrite ? null : true });
  const messages = number('maxMessages', current.maxMessages, 10000);
  const days = number('maxAgeDays', current.maxAgeDays, 3650);
  const status = h('p', { role: 'status', class: 'ok' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'fields', id: 'retention-form' },
    field(t('vm.maxMessages'), messages),
    field(t('vm.maxAgeDays'), days),
    h('p', { class: 'muted' }, t('vm.retentionHint')),
    canWrite ? h('button', { type: 'submit', class: 'primary' }, t('common.save')) : '',
    status,
    error,
  );
  const value = (input) => (input.value.trim() === '' ? null : Number(input.value));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      await api('PUT', url, { maxMessages: value(messages), maxAgeDays: value(days) });
      status.textContent = t('vm.retentionSaved');
    } catch (e) {
      error.textContent = problem(e);
    }
  });
  root.replaceChildren(h('h2', {}, t('vm.retention')), form);
}

// The tenant's hold music: a WAV upload that replaces the generated default, or its removal.
function holdMusicForm(root, url) {
  const file = h('input', { name: 'holdMusic', type: 'file', accept: 'audio/wav,.wav', required: true });
  const status = h('p', { role: 'status', class: 'ok' });
  const error = h('p', { class: 'error', role: 'alert' });
  const remove = h('button', { type: 'button', 'data-action': 'remove-hold-music' }, t('moh.remove'));
  const form = h(
    'form',
    { class: 'fields', id: 'hold-music-form' },
    field(t('moh.file'), file),
    h('p', { class: 'muted' }, t('moh.hint')),
    h('button', { type: 'submit', class: 'primary' }, t('moh.upload')),
    remove,
    status,
    error,
  );
  const run = async (call, done) => {
    status.textContent = '';
    error.textContent = '';
    try {
      await call();
      status.textContent = done;
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 404 ? t('moh.none') : problem(e);
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(() => api('PUT', url, file.files[0], 'audio/wav'), t('moh.uploaded'));
  });
  remove.addEventListener('click', () => run(() => api('DELETE', url), t('moh.removed')));
  root.replaceChildren(h('h2', {}, t('moh.title')), form);
}
