// The success department's pages: dashboard, customer 360 with the journey, cases board, help
// center, feedback inbox and the tier rules editor.
import { api, enc, ApiError } from './api.js';
import { h, field, table } from './dom.js';
import { t, formatTime, currentLang } from './i18n.js';

/** Links shown in the navigation for this department: [hash, i18n key]. */
export const NAV = [
  ['#/success', 'success.nav.dashboard'],
  ['#/success/cases', 'success.nav.cases'],
  ['#/help', 'success.nav.help'],
  ['#/success/feedback', 'success.nav.feedback'],
  ['#/success/tiers', 'success.nav.tiers'],
];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [
  [/^#\/success$/, (m, main, me) => dashboard(main, me)],
  [/^#\/success\/customers\/([^/]+)$/, (m, main, me) => customer(main, me, decodeURIComponent(m[1]))],
  [/^#\/success\/cases$/, (m, main, me) => cases(main, me)],
  [/^#\/help$/, (m, main, me) => helpCenter(main, me)],
  [/^#\/success\/feedback$/, (m, main, me) => feedbackInbox(main, me)],
  [/^#\/success\/tiers$/, (m, main, me) => tiers(main, me)],
];

const CASE_KINDS = ['onboarding_training', 'callback_visit', 'after_sales_question', 'complaint', 'on_site_visit'];
const CASE_COLUMNS = ['open', 'in_progress', 'waiting', 'resolved'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const FEEDBACK_KINDS = ['bug', 'requirement', 'suggestion'];
const FEEDBACK_STATUSES = ['new', 'triaged', 'planned', 'done', 'declined'];

function problem(e) {
  if (e instanceof ApiError && e.status === 404) return t('common.notFoundData');
  if (e instanceof ApiError && e.status === 403) return t('common.forbidden');
  return t('common.failed', { error: e.message });
}

function errorLine(e) {
  return h('p', { class: 'error', role: 'alert' }, problem(e));
}

function band(b, score) {
  return h('span', { class: `sx-band sx-${b}`, 'data-band': b }, `${score} · ${t(`success.band.${b}`)}`);
}

function customerLink(domain, label) {
  return h('a', { href: `#/success/customers/${enc(domain)}` }, label || domain);
}

function day(iso) {
  return iso ? String(iso).slice(0, 10) : '';
}

// ---- dashboard ---------------------------------------------------------------------------

function dashboard(main, me) {
  const body = h('div', { id: 'success-dashboard' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  const run = h('button', { type: 'button', id: 'sx-run', class: 'primary' }, t('success.dash.run'));
  run.addEventListener('click', async () => {
    try {
      const r = await api('POST', '/api/v1/success/health/runs', {});
      message.textContent = t('success.dash.ran', { scored: r.scores.scored, red: r.scores.red, tasks: r.scores.tasks });
      load();
    } catch (e) {
      message.textContent = problem(e);
    }
  });
  const canWrite = me.role === 'admin' || me.role === 'success';
  main.replaceChildren(h('h1', {}, t('success.dash.title')), canWrite ? run : '', message, body);

  async function load() {
    try {
      const o = await api('GET', '/api/v1/success/overview');
      const total = Object.values(o.distribution).reduce((a, b) => a + b, 0);
      const dist = h(
        'div',
        { class: 'sx-dist', id: 'sx-distribution' },
        ['red', 'yellow', 'green'].map((b) =>
          h(
            'div',
            { class: `sx-dist-cell sx-${b}`, 'data-band': b, style: `flex:${Math.max(o.distribution[b], total ? total / 20 : 1)}` },
            h('strong', {}, String(o.distribution[b])),
            ' ',
            t(`success.band.${b}`),
          ),
        ),
      );
      const kpis = h(
        'div',
        { class: 'sx-kpis' },
        kpi('sx-open-cases', t('success.dash.openCases'), o.openCases),
        kpi('sx-breached', t('success.dash.breached'), o.breachedCases),
        kpi('sx-open-tasks', t('success.dash.openTasks'), o.openTasks),
        kpi('sx-nps', t('success.dash.nps'), o.satisfaction.answers ? o.satisfaction.nps : '–'),
        kpi('sx-csat', t('success.dash.csat'), o.satisfaction.csatAnswers ? o.satisfaction.csat : '–'),
      );
      const risk =
        o.atRisk.length === 0
          ? h('p', { class: 'muted' }, t('success.dash.noRisk'))
          : table(
              [t('success.customer'), t('success.score'), t('success.change'), t('success.owner')],
              o.atRisk.map((r) =>
                h(
                  'tr',
                  { 'data-domain': r.domain },
                  h('td', {}, customerLink(r.domain, r.company)),
                  h('td', {}, band(r.band, r.score)),
                  h('td', { class: r.change < 0 ? 'sx-down' : '' }, r.change === null ? '' : (r.change > 0 ? '+' : '') + r.change),
                  h('td', {}, r.owner || ''),
                ),
              ),
            );
      const renewals =
        o.renewalsDue.length === 0
          ? h('p', { class: 'muted' }, t('success.dash.noRenewals'))
          : table(
              [t('success.customer'), t('success.renewal.endsOn'), t('success.renewal.daysLeft'), t('success.score'), t('success.owner')],
              o.renewalsDue.map((r) =>
                h(
                  'tr',
                  { 'data-domain': r.domain },
                  h('td', {}, customerLink(r.domain, r.company)),
                  h('td', {}, r.endsOn),
                  h('td', {}, String(r.daysLeft)),
                  h('td', {}, r.health === null ? '' : String(r.health)),
                  h('td', {}, r.owner || ''),
                ),
              ),
            );
      body.replaceChildren(
        h('p', { class: 'muted', id: 'sx-week' }, t('success.dash.week', { week: o.week })),
        h('section', { class: 'card' }, h('h2', {}, t('success.dash.distribution')), dist),
        kpis,
        h('section', { class: 'card', id: 'sx-at-risk' }, h('h2', {}, t('success.dash.atRisk')), risk),
        h('section', { class: 'card', id: 'sx-renewals' }, h('h2', {}, t('success.dash.renewals')), renewals),
      );
    } catch (e) {
      body.replaceChildren(errorLine(e));
    }
  }
  load();
}

function kpi(id, label, value) {
  return h('div', { class: 'sx-kpi', id }, h('span', { class: 'muted' }, label), h('strong', {}, String(value)));
}

// ---- customer 360 --------------------------------------------------------------------------

function customer(main, me, domain) {
  const body = h('div', { id: 'success-customer' }, h('p', {}, t('common.loading')));
  main.replaceChildren(h('h1', {}, t('success.c360.title'), ' · ', h('span', { class: 'muted' }, domain)), body);
  let plot = null;
  let timer = null;

  async function load() {
    try {
      const [c, j] = await Promise.all([
        api('GET', `/api/v1/success/customers/${enc(domain)}`),
        api('GET', `/api/v1/success/customers/${enc(domain)}/journey`),
      ]);
      const chart = h('div', { class: 'sx-chart', id: 'sx-trend' });
      const regs = h('div', { id: 'sx-registrations' }, h('p', {}, t('common.loading')));
      const p = c.profile || {};
      body.replaceChildren(
        h(
          'section',
          { class: 'card sx-head' },
          h('h2', {}, p.company || c.name || domain),
          c.latest ? band(c.latest.band, c.latest.score) : h('span', { class: 'muted' }, t('success.c360.unscored')),
          h(
            'dl',
            { class: 'sx-facts' },
            fact(t('success.c360.industry'), c.industry),
            fact(t('success.c360.status'), c.status),
            fact(t('success.c360.channel'), p.channel),
            fact(t('success.c360.since'), p.acquiredOn),
            fact(t('success.owner'), p.owner),
            fact(t('success.c360.tier'), p.tier),
          ),
        ),
        h('section', { class: 'card' }, h('h2', {}, t('success.c360.trend')), chart),
        h(
          'section',
          { class: 'card', id: 'sx-moved' },
          h('h2', {}, t('success.c360.moved')),
          c.moved.length === 0
            ? h('p', { class: 'muted' }, t('success.c360.nothingMoved'))
            : table(
                [t('success.c360.signal'), t('success.c360.before'), t('success.c360.now'), t('success.c360.delta')],
                c.moved.map((m) =>
                  h(
                    'tr',
                    { 'data-signal': m.signal },
                    h('td', {}, t(`success.signal.${m.signal}`)),
                    h('td', {}, m.before.toFixed(1)),
                    h('td', {}, m.now.toFixed(1)),
                    h('td', { class: m.delta < 0 ? 'sx-down' : m.delta > 0 ? 'sx-up' : '' }, (m.delta > 0 ? '+' : '') + m.delta.toFixed(1)),
                  ),
                ),
              ),
        ),
        h('section', { class: 'card' }, h('h2', {}, t('success.c360.registrations')), regs),
        h(
          'section',
          { class: 'card', id: 'sx-usage' },
          h('h2', {}, t('success.c360.usage')),
          table(
            [t('success.usage.week'), t('success.usage.seats'), t('success.usage.registered'), t('success.usage.days'), t('success.usage.calls'), t('success.usage.minutes')],
            c.usage.slice(-12).reverse().map((u) =>
              h('tr', {}, h('td', {}, u.weekStart), h('td', {}, u.seats), h('td', {}, u.registeredSeats), h('td', {}, u.activeDays), h('td', {}, u.calls), h('td', {}, u.minutes)),
            ),
          ),
        ),
        h(
          'section',
          { class: 'card', id: 'sx-journey' },
          h('h2', {}, t('success.c360.journey')),
          j.missing.length ? h('p', { class: 'muted' }, t('success.c360.missing', { parts: j.missing.join(', ') })) : '',
          h(
            'ol',
            { class: 'sx-timeline' },
            j.events.map((e) => h('li', { class: `sx-stage-${e.stage}`, 'data-stage': e.stage }, h('time', {}, day(e.at)), ' ', h('span', { class: 'sx-stage' }, t(`success.stage.${e.stage}`)), ' ', e.title)),
          ),
        ),
        h(
          'section',
          { class: 'card', id: 'sx-cases' },
          h('h2', {}, t('success.nav.cases')),
          c.cases.length === 0
            ? h('p', { class: 'muted' }, t('success.cases.none'))
            : table(
                [t('success.cases.subject'), t('success.cases.kind'), t('success.cases.status'), t('success.cases.opened')],
                c.cases.map((x) => h('tr', {}, h('td', {}, x.subject), h('td', {}, t(`success.kind.${x.kind}`)), h('td', {}, t(`success.status.${x.status}`)), h('td', {}, formatTime(x.openedAt)))),
              ),
        ),
        h(
          'section',
          { class: 'card', id: 'sx-tier-history' },
          h('h2', {}, t('success.c360.tierHistory')),
          c.tierHistory.length === 0
            ? h('p', { class: 'muted' }, t('success.c360.noTierMoves'))
            : h('ul', {}, c.tierHistory.map((x) => h('li', {}, day(x.at), ' ', `${x.from || '–'} → ${x.to}`, ' ', h('span', { class: 'muted' }, x.rule)))),
        ),
      );
      drawTrend(chart, c.trend);
      loadRegistrations(regs);
    } catch (e) {
      body.replaceChildren(errorLine(e));
    }
  }

  function drawTrend(chart, trend) {
    if (!trend.length) {
      chart.append(h('p', { class: 'muted' }, t('success.c360.unscored')));
      return;
    }
    chart.append(
      h('p', { class: 'muted', id: 'sx-trend-text' }, trend.slice(-8).map((s) => `${s.weekStart.slice(5)}: ${s.score}`).join(' · ')),
    );
    if (!window.uPlot) return;
    const xs = trend.map((s) => Date.parse(`${s.weekStart}T00:00:00Z`) / 1000);
    const ys = trend.map((s) => s.score);
    plot = new window.uPlot(
      {
        width: Math.max(chart.clientWidth - 16, 260),
        height: 220,
        tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: [0, 100] } },
        series: [{}, { label: t('success.score'), stroke: '#1f5fbf', width: 2, fill: 'rgba(31,95,191,0.08)' }],
        axes: [{}, { label: t('success.score') }],
      },
      [xs, ys],
      chart,
    );
  }

  async function loadRegistrations(regs) {
    try {
      const r = await api('GET', `/api/v1/tenants/${enc(domain)}/registrations`);
      regs.replaceChildren(
        r.items.length === 0
          ? h('p', { class: 'muted', id: 'sx-no-registrations' }, t('success.c360.noRegistrations'))
          : table(
              [t('success.c360.aor'), t('success.c360.userAgent'), t('success.c360.expires')],
              r.items.map((x) => h('tr', { 'data-aor': x.aor }, h('td', {}, x.aor), h('td', {}, x.userAgent || ''), h('td', {}, formatTime(x.expiresAt)))),
            ),
      );
    } catch (e) {
      regs.replaceChildren(errorLine(e));
    }
  }

  load();
  // Registrations are live: refresh them every 5 s while the page is open.
  timer = setInterval(() => {
    const regs = document.getElementById('sx-registrations');
    if (regs) loadRegistrations(regs);
  }, 5000);
  return () => {
    clearInterval(timer);
    if (plot) plot.destroy();
  };
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value || '–')];
}

// ---- cases board ---------------------------------------------------------------------------

function cases(main, me) {
  const board = h('div', { class: 'sx-board', id: 'sx-board' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  const canWrite = me.role === 'admin' || me.role === 'success';
  main.replaceChildren(h('h1', {}, t('success.nav.cases')), message, board);
  if (canWrite) main.append(newCaseForm(message, load));

  async function load() {
    try {
      const r = await api('GET', '/api/v1/success/cases?limit=500');
      board.replaceChildren(
        ...CASE_COLUMNS.map((s) => {
          const items = r.items.filter((c) => c.status === s);
          return h(
            'section',
            { class: 'sx-column', 'data-status': s },
            h('h2', {}, `${t(`success.status.${s}`)} (${items.length})`),
            items.slice(0, 60).map((c) => caseCard(c, canWrite, message, load)),
          );
        }),
      );
    } catch (e) {
      board.replaceChildren(errorLine(e));
    }
  }
  load();
}

function caseCard(c, canWrite, message, reload) {
  const next = { open: ['in_progress', 'resolved'], in_progress: ['waiting', 'resolved'], waiting: ['in_progress', 'resolved'], resolved: ['closed'] }[c.status] || [];
  return h(
    'article',
    { class: `sx-card${c.breached ? ' sx-breached' : ''}`, 'data-case': String(c.id) },
    h('h3', {}, c.subject),
    h('p', {}, customerLink(c.domain), ' · ', t(`success.kind.${c.kind}`)),
    h('p', { class: 'muted' }, `${t(`success.priority.${c.priority}`)} · ${t('success.cases.due')} ${formatTime(c.resolveDue)}`),
    c.breached ? h('p', { class: 'error' }, t('success.cases.breached')) : '',
    canWrite
      ? h(
          'div',
          { class: 'actions' },
          next.map((s) =>
            h(
              'button',
              {
                type: 'button',
                'data-to': s,
                onclick: async () => {
                  try {
                    await api('POST', `/api/v1/success/cases/${c.id}/transitions`, { status: s });
                    message.textContent = t('success.cases.moved', { subject: c.subject, status: t(`success.status.${s}`) });
                    reload();
                  } catch (e) {
                    message.textContent = problem(e);
                  }
                },
              },
              t(`success.status.${s}`),
            ),
          ),
        )
      : '',
  );
}

function newCaseForm(message, reload) {
  const domain = h('input', { name: 'domain', required: true });
  const kind = h('select', { name: 'kind' }, CASE_KINDS.map((k) => h('option', { value: k }, t(`success.kind.${k}`))));
  const subject = h('input', { name: 'subject', required: true, maxlength: 300 });
  const priority = h('select', { name: 'priority' }, PRIORITIES.map((p) => h('option', { value: p, selected: p === 'normal' }, t(`success.priority.${p}`))));
  const contact = h('input', { name: 'contactName', maxlength: 200 });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', id: 'sx-new-case' },
    h('h2', {}, t('success.cases.new')),
    h(
      'div',
      { class: 'fields' },
      field(t('success.cases.domain'), domain),
      field(t('success.cases.kind'), kind),
      field(t('success.cases.subject'), subject),
      field(t('success.cases.priority'), priority),
      field(t('success.cases.contact'), contact),
      h('button', { type: 'submit', class: 'primary' }, t('common.create')),
    ),
    error,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const c = await api('POST', '/api/v1/success/cases', {
        domain: domain.value,
        kind: kind.value,
        subject: subject.value,
        priority: priority.value,
        contactName: contact.value || null,
      });
      message.textContent = t('success.cases.openedMsg', { subject: c.subject });
      form.reset();
      reload();
    } catch (e) {
      error.textContent = problem(e);
    }
  });
  return form;
}

// ---- help center ---------------------------------------------------------------------------

function helpCenter(main, me) {
  const q = h('input', { name: 'q', type: 'search', id: 'sx-help-q' });
  const results = h('div', { id: 'sx-help-results' }, h('p', {}, t('common.loading')));
  const form = h('form', { class: 'fields', id: 'sx-help-search' }, field(t('success.help.search'), q), h('button', { type: 'submit', class: 'primary' }, t('success.help.go')));
  main.replaceChildren(h('h1', {}, t('success.nav.help')), form, results);
  let categories = [];

  function catName(code) {
    const c = categories.find((x) => x.code === code);
    if (!c) return code;
    return currentLang() === 'zh-CN' ? c.nameZh : c.nameEn;
  }

  async function load() {
    try {
      if (!categories.length) categories = (await api('GET', '/api/v1/help/categories')).items;
      const kind = me.role === 'tenant_admin' ? '' : '&kind=faq';
      const path = q.value.trim() ? `/api/v1/help/articles?q=${enc(q.value.trim())}${kind}` : `/api/v1/help/articles?${kind.slice(1)}`;
      const r = await api('GET', path);
      results.replaceChildren(
        r.items.length === 0
          ? h('p', { class: 'muted', id: 'sx-help-none' }, t('success.help.none'))
          : h(
              'div',
              { class: 'sx-articles' },
              r.items.map((a) =>
                h('details', { class: 'sx-article', 'data-article': String(a.id) }, h('summary', {}, h('span', { class: 'sx-cat' }, catName(a.category)), ' ', a.title), h('p', {}, a.body)),
              ),
            ),
      );
    } catch (e) {
      results.replaceChildren(errorLine(e));
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  load();
}

// ---- feedback inbox ------------------------------------------------------------------------

function feedbackInbox(main, me) {
  const list = h('div', { id: 'sx-inbox' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  const canWrite = me.role === 'admin' || me.role === 'success';
  main.replaceChildren(h('h1', {}, t('success.nav.feedback')), message, list);

  async function save(id, body, done) {
    try {
      await api('PUT', `/api/v1/success/feedback/${id}`, body);
      message.textContent = done;
      load();
    } catch (e) {
      message.textContent = problem(e);
    }
  }

  async function load() {
    try {
      const r = await api('GET', '/api/v1/success/feedback');
      list.replaceChildren(
        r.items.length === 0
          ? h('p', { class: 'muted' }, t('success.feedback.none'))
          : table(
              [t('success.feedback.content'), t('success.feedback.kind'), t('success.feedback.reports'), t('success.feedback.customers'), t('success.feedback.revenue'), t('success.feedback.status')],
              r.items.map((i) => {
                const f = i.first;
                const kind = h('select', { name: 'kind', disabled: !canWrite }, FEEDBACK_KINDS.map((k) => h('option', { value: k, selected: k === f.kind }, t(`success.fkind.${k}`))));
                kind.addEventListener('change', () => save(f.id, { kind: kind.value }, t('success.feedback.corrected')));
                const status = h('select', { name: 'status', disabled: !canWrite }, FEEDBACK_STATUSES.map((s) => h('option', { value: s, selected: s === f.status }, t(`success.fstatus.${s}`))));
                status.addEventListener('change', () => save(f.id, { status: status.value }, t('success.feedback.saved')));
                return h(
                  'tr',
                  { 'data-feedback': String(f.id) },
                  h('td', {}, f.content, f.classifiedBy === 'user' ? h('span', { class: 'muted' }, ` (${t('success.feedback.byUser')})`) : ''),
                  h('td', {}, kind),
                  h('td', { class: 'sx-reports' }, String(i.reports)),
                  h('td', { class: 'sx-customers' }, String(i.customers)),
                  h('td', {}, String(i.revenueAtStake)),
                  h('td', {}, status),
                );
              }),
            ),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  load();
}

// ---- tier rules editor ---------------------------------------------------------------------

function tiers(main, me) {
  const list = h('div', { id: 'sx-tiers' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  const canWrite = me.role === 'admin' || me.role === 'success';
  const retier = h('button', { type: 'button', id: 'sx-retier' }, t('success.tiers.run'));
  retier.addEventListener('click', async () => {
    try {
      const r = await api('POST', '/api/v1/success/tiers/runs');
      message.textContent = t('success.tiers.ran', { customers: r.customers, changed: r.changed });
    } catch (e) {
      message.textContent = problem(e);
    }
  });
  main.replaceChildren(h('h1', {}, t('success.nav.tiers')), canWrite ? retier : '', message, list);

  async function load() {
    try {
      const r = await api('GET', '/api/v1/success/tiers');
      list.replaceChildren(
        table(
          [t('success.tiers.code'), t('success.tiers.name'), t('success.tiers.level'), t('success.tiers.spend'), t('success.tiers.tenure'), t('success.tiers.referrals'), t('success.tiers.feedback'), t('success.tiers.priority'), t('success.tiers.service'), ''],
          r.items.map((x) => tierRow(x, canWrite, message, load)),
        ),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  load();
}

function tierRow(x, canWrite, message, reload) {
  const input = (name, value, type = 'number') => h('input', { name, value: String(value), type, disabled: !canWrite, class: type === 'number' ? 'sx-num' : '' });
  const name = input('name', x.name, 'text');
  const level = input('level', x.level);
  const spend = input('minAnnualSpend', x.minAnnualSpend);
  const tenure = input('minTenureMonths', x.minTenureMonths);
  const refs = input('minReferrals', x.minReferrals);
  const fb = input('minValuableFeedback', x.minValuableFeedback);
  const service = input('service', x.service, 'text');
  const priority = h('select', { name: 'minCasePriority', disabled: !canWrite }, PRIORITIES.map((p) => h('option', { value: p, selected: p === x.minCasePriority }, t(`success.priority.${p}`))));
  const save = h('button', { type: 'button', 'data-action': 'save', disabled: !canWrite }, t('common.save'));
  save.addEventListener('click', async () => {
    try {
      await api('PUT', `/api/v1/success/tiers/${enc(x.code)}`, {
        name: name.value,
        level: Number(level.value),
        minAnnualSpend: spend.value,
        minTenureMonths: Number(tenure.value),
        minReferrals: Number(refs.value),
        minValuableFeedback: Number(fb.value),
        service: service.value,
        minCasePriority: priority.value,
      });
      message.textContent = t('success.tiers.saved', { code: x.code });
      reload();
    } catch (e) {
      message.textContent = problem(e);
    }
  });
  return h(
    'tr',
    { 'data-tier': x.code },
    h('td', {}, x.code),
    h('td', {}, name),
    h('td', {}, level),
    h('td', {}, spend),
    h('td', {}, tenure),
    h('td', {}, refs),
    h('td', {}, fb),
    h('td', {}, priority),
    h('td', {}, service),
    h('td', {}, save),
  );
}
