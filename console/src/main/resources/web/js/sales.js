// The sales department's pages: the pipeline board, the leaderboard of reps and teams, and the
// breakdown of which customers close fastest, refund and refer.
import { api, enc, ApiError } from './api.js';
import { h, field, table } from './dom.js';
import { t, currentLang } from './i18n.js';

/** Links shown in the navigation for this department: [hash, i18n key]. */
export const NAV = [
  ['#/sales/pipeline', 'sales.nav.pipeline'],
  ['#/sales/opportunities', 'sales.nav.opportunities'],
  ['#/sales/leaderboard', 'sales.nav.leaderboard'],
  ['#/sales/breakdown', 'sales.nav.breakdown'],
];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [
  [/^#\/sales(\/pipeline)?$/, (m, main, me) => pipeline(main, me)],
  [/^#\/sales\/opportunities$/, (m, main) => opportunities(main)],
  [/^#\/sales\/opportunities\/(\d+)$/, (m, main, me) => opportunity(main, me, m[1])],
  [/^#\/sales\/leaderboard$/, (m, main) => leaderboard(main)],
  [/^#\/sales\/breakdown$/, (m, main) => breakdown(main)],
];

// Keys with their own translation; anything else (a custom channel) is shown as stored.
const LABELLED = {
  industry: ['retail', 'wholesale', 'manufacturing', 'logistics', 'catering', 'clinic', 'education'],
  size: ['micro', 'small', 'medium'],
  channel: [
    'trade_show', 'open_class', 'industry_salon', 'door_to_door', 'offline_ads', 'partnership',
    'self_media', 'website', 'vertical_site', 'search', 'partner_promotion', 'referral',
  ],
};

function label(kind, key) {
  if (key === 'unknown') return t('sales.unknown');
  return (LABELLED[kind] || []).includes(key) ? t(`sales.${kind}.${key}`) : key;
}

const OPEN_STAGES = ['qualification', 'demo', 'proposal', 'negotiation'];
const LOST_REASONS = ['price', 'no_budget', 'chose_competitor', 'no_decision'];

function money(v) {
  if (v === null || v === undefined) return '—';
  return Number(v).toLocaleString(currentLang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function percent(v) {
  if (v === null || v === undefined) return '—';
  return `${(Number(v) * 100).toFixed(1)}%`;
}

function num(v, digits = 0) {
  return v === null || v === undefined ? '—' : Number(v).toFixed(digits);
}

function problem(e) {
  if (e instanceof ApiError && e.status === 403) return t('common.forbidden');
  return t('common.failed', { error: e.message });
}

function today() {
  // Business days are in Asia/Shanghai.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function canWrite(me) {
  return me.role === 'admin' || me.role === 'sales';
}

// ---- pipeline board ------------------------------------------------------------------------

function pipeline(main, me) {
  const message = h('p', { role: 'status', id: 'sales-message', class: 'ok' });
  const board = h('div', { id: 'sales-board', class: 'sales-board' }, h('p', {}, t('common.loading')));
  const won = h('div', { id: 'sales-won' });
  const team = h('select', { name: 'team', id: 'sales-team' }, h('option', { value: '' }, t('sales.allTeams')));
  main.replaceChildren(
    h('h1', {}, t('sales.pipeline.title')),
    h('div', { class: 'fields' }, field(t('sales.team'), team), h('a', { href: '/api/v1/sales/opportunities?format=csv', download: '' }, t('sales.csv'))),
    message,
    board,
  );
  if (canWrite(me)) main.append(openForm(message, load));
  main.append(h('h2', {}, t('sales.won.title')), won);
  team.addEventListener('change', load);

  api('GET', '/api/v1/sales/reps')
    .then((reps) => {
      for (const name of [...new Set(reps.map((r) => r.team))]) team.append(h('option', { value: name }, name));
    })
    .catch(() => {});

  async function load() {
    try {
      const q = team.value ? `?team=${enc(team.value)}` : '';
      const cols = await api('GET', `/api/v1/sales/pipeline${q}`);
      board.replaceChildren(...cols.map((c) => column(c, me, message, load)));
      const closed = await api('GET', `/api/v1/sales/opportunities?stage=won${team.value ? `&team=${enc(team.value)}` : ''}`);
      won.replaceChildren(wonTable(closed.slice(0, 10)));
    } catch (e) {
      board.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem(e)));
    }
  }
  load();
}

function column(c, me, message, reload) {
  return h(
    'section',
    { class: 'sales-column', 'data-stage': c.stage },
    h(
      'header',
      {},
      h('h2', {}, t(`sales.stage.${c.stage}`)),
      h('p', { class: 'sales-total' }, h('span', { class: 'sales-count' }, t('sales.deals', { n: c.count })), ' · ', h('span', { class: 'sales-amount' }, money(c.amount))),
    ),
    c.deals.length === 0 ? h('p', { class: 'muted' }, t('sales.none')) : c.deals.map((d) => card(d, me, message, reload)),
  );
}

function card(d, me, message, reload) {
  const next = OPEN_STAGES[OPEN_STAGES.indexOf(d.stage) + 1];
  const actions = h('div', { class: 'actions' });
  const extra = h('div', {});
  if (canWrite(me)) {
    if (next) {
      actions.append(
        h(
          'button',
          {
            type: 'button',
            'data-action': 'next',
            onclick: () => act(`/api/v1/sales/opportunities/${d.id}/stage`, { stage: next, on: today() }, t('sales.moved', { company: d.company, stage: t(`sales.stage.${next}`) })),
          },
          t('sales.next', { stage: t(`sales.stage.${next}`) }),
        ),
      );
    }
    actions.append(
      h('button', { type: 'button', 'data-action': 'win', onclick: () => extra.replaceChildren(winForm()) }, t('sales.win')),
      h('button', { type: 'button', 'data-action': 'lose', onclick: () => extra.replaceChildren(loseForm()) }, t('sales.lose')),
    );
  }

  async function act(path, body, done) {
    try {
      const r = await api('POST', path, body);
      message.className = 'ok';
      message.textContent = typeof done === 'function' ? done(r) : done;
      reload();
    } catch (e) {
      message.className = 'error';
      message.textContent = problem(e);
    }
  }

  function winForm() {
    const domain = h('input', { name: 'domain', placeholder: t('sales.domainHint') });
    const form = h('form', { class: 'sales-inline', 'data-form': 'win' }, field(t('sales.domain'), domain), h('button', { type: 'submit', class: 'primary' }, t('sales.confirmWin')));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      act(`/api/v1/sales/opportunities/${d.id}/win`, { on: today(), domain: domain.value.trim() || null }, (r) => t('sales.wonMessage', { company: r.company, domain: r.domain }));
    });
    return form;
  }

  function loseForm() {
    const reason = h('select', { name: 'reason' }, LOST_REASONS.map((x) => h('option', { value: x }, t(`sales.reason.${x}`))));
    const form = h('form', { class: 'sales-inline', 'data-form': 'lose' }, field(t('sales.reason'), reason), h('button', { type: 'submit' }, t('sales.confirmLose')));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      act(`/api/v1/sales/opportunities/${d.id}/lose`, { on: today(), reason: reason.value }, t('sales.lostMessage', { company: d.company }));
    });
    return form;
  }

  return h(
    'article',
    { class: 'sales-card', 'data-id': String(d.id) },
    h('h3', {}, h('a', { href: `#/sales/opportunities/${d.id}` }, d.company)),
    h('p', { class: 'sales-card-amount' }, money(d.amount)),
    h('p', { class: 'muted' }, `${d.repName} · ${t('sales.seatsPlan', { seats: d.seats, plan: d.plan })}`),
    h('p', { class: 'muted' }, t('sales.openedOn', { day: d.openedOn })),
    actions,
    extra,
  );
}

function wonTable(rows) {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('sales.none'));
  return table(
    [t('sales.company'), t('sales.amount'), t('sales.rep'), t('sales.closedOn'), t('sales.cycle'), t('sales.customer')],
    rows.map((d) =>
      h(
        'tr',
        { 'data-id': String(d.id), 'data-domain': d.domain || '' },
        h('td', {}, h('a', { href: `#/sales/opportunities/${d.id}` }, d.company)),
        h('td', { class: 'sales-num' }, money(d.amount)),
        h('td', {}, d.repName),
        h('td', {}, d.closedOn),
        h('td', { class: 'sales-num' }, num(d.cycleDays)),
        customerCell(d),
      ),
    ),
  );
}

function customerCell(d) {
  const cell = h('td', { class: 'sales-customer' });
  if (!d.domain) return cell;
  cell.append(h('a', { href: `#/telephony/tenants/${enc(d.domain)}/extensions` }, d.domain));
  const sub = h('span', { class: 'muted sales-subscription' });
  cell.append(' ', sub);
  api('GET', `/api/v1/sales/opportunities/${d.id}/customer`)
    .then((c) => {
      sub.textContent = t('sales.subscription', { plan: c.plan, seats: c.seats, status: c.subscriptionStatus, invoice: c.firstInvoice || '—', total: money(c.firstInvoiceTotal) });
    })
    .catch(() => {});
  return cell;
}

function openForm(message, reload) {
  const leadId = h('input', { name: 'leadId', type: 'number', min: '1' });
  const company = h('input', { name: 'company' });
  const plan = h('select', { name: 'plan' }, h('option', { value: 'starter' }, 'starter'), h('option', { value: 'business' }, 'business'));
  const seats = h('input', { name: 'seats', type: 'number', min: '1' });
  const rep = h('select', { name: 'rep' }, h('option', { value: '' }, t('sales.leadOwner')));
  api('GET', '/api/v1/sales/reps')
    .then((reps) => reps.filter((r) => r.active).forEach((r) => rep.append(h('option', { value: r.email }, `${r.name} (${r.team})`))))
    .catch(() => {});
  const form = h(
    'form',
    { class: 'card', id: 'sales-open' },
    h('h2', {}, t('sales.open.title')),
    h('div', { class: 'fields' }, field(t('sales.leadId'), leadId), field(t('sales.company'), company), field(t('sales.plan'), plan), field(t('sales.seats'), seats), field(t('sales.rep'), rep)),
    h('button', { type: 'submit', class: 'primary' }, t('sales.open.submit')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { plan: plan.value };
    if (leadId.value) body.leadId = Number(leadId.value);
    if (company.value.trim()) body.company = company.value.trim();
    if (seats.value) body.seats = Number(seats.value);
    if (rep.value) body.rep = rep.value;
    try {
      const d = await api('POST', '/api/v1/sales/opportunities', body);
      message.className = 'ok';
      message.textContent = t('sales.opened', { company: d.company, amount: money(d.amount) });
      form.reset();
      reload();
    } catch (e) {
      message.className = 'error';
      message.textContent = problem(e);
    }
  });
  return form;
}

// ---- period picker -------------------------------------------------------------------------

function periodPicker(onChange) {
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const preset = h(
    'select',
    { name: 'period' },
    ['all', 'month', 'quarter', 'year', 'custom'].map((p) => h('option', { value: p }, t(`sales.period.${p}`))),
  );
  function apply() {
    const now = today();
    const [y, m] = now.split('-').map(Number);
    const pad = (n) => String(n).padStart(2, '0');
    if (preset.value === 'all') {
      from.value = '';
      to.value = '';
    } else if (preset.value === 'month') {
      from.value = `${y}-${pad(m)}-01`;
      to.value = now;
    } else if (preset.value === 'quarter') {
      from.value = `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`;
      to.value = now;
    } else if (preset.value === 'year') {
      from.value = `${y}-01-01`;
      to.value = now;
    }
    onChange();
  }
  preset.addEventListener('change', apply);
  for (const i of [from, to])
    i.addEventListener('change', () => {
      preset.value = 'custom';
      onChange();
    });
  const query = () => {
    const p = [];
    if (from.value) p.push(`from=${from.value}`);
    if (to.value) p.push(`to=${to.value}`);
    return p.join('&');
  };
  return { node: h('div', { class: 'fields' }, field(t('sales.period'), preset), field(t('sales.from'), from), field(t('sales.to'), to)), query };
}

function csvLink(id, path) {
  return h('a', { id, href: path, download: '' }, t('sales.csv'));
}

// ---- leaderboard ---------------------------------------------------------------------------

function scoreTable(rows, kind) {
  return table(
    [
      '#',
      t(kind === 'rep' ? 'sales.rep' : 'sales.team'),
      ...(kind === 'rep' ? [t('sales.team')] : [t('sales.heads')]),
      t('sales.kpi.won'),
      t('sales.kpi.dealsPerHead'),
      t('sales.kpi.wonAmount'),
      t('sales.kpi.aov'),
      t('sales.kpi.cycle'),
      t('sales.kpi.conversion'),
      t('sales.kpi.refunds'),
    ],
    rows.map((r, i) =>
      h(
        'tr',
        { 'data-key': r.key },
        h('td', { class: 'sales-num' }, String(i + 1)),
        h('td', {}, r.name),
        h('td', {}, kind === 'rep' ? r.team : String(r.heads)),
        h('td', { class: 'sales-num' }, String(r.won)),
        h('td', { class: 'sales-num' }, num(r.dealsPerHead, 2)),
        h('td', { class: 'sales-num' }, money(r.wonAmount)),
        h('td', { class: 'sales-num' }, money(r.averageOrderValue)),
        h('td', { class: 'sales-num' }, num(r.medianCycleDays, 1)),
        h('td', { class: 'sales-num' }, percent(r.conversionRate)),
        h('td', { class: 'sales-num' }, r.refunds === 0 ? '0' : `${r.refunds} (${money(r.refundAmount)})`),
      ),
    ),
  );
}

function leaderboard(main) {
  const reps = h('div', { id: 'sales-leaderboard' }, h('p', {}, t('common.loading')));
  const teams = h('div', { id: 'sales-teams' });
  const repCsv = csvLink('sales-leaderboard-csv', '/api/v1/sales/leaderboard?format=csv');
  const period = periodPicker(load);
  main.replaceChildren(
    h('h1', {}, t('sales.leaderboard.title')),
    period.node,
    h('p', { class: 'muted' }, t('sales.leaderboard.help')),
    h('h2', {}, t('sales.leaderboard.reps')),
    reps,
    repCsv,
    h('h2', {}, t('sales.leaderboard.teams')),
    teams,
  );
  async function load() {
    const q = period.query();
    repCsv.href = `/api/v1/sales/leaderboard?format=csv${q ? `&${q}` : ''}`;
    try {
      const [r, tm] = await Promise.all([api('GET', `/api/v1/sales/leaderboard${q ? `?${q}` : ''}`), api('GET', `/api/v1/sales/teams${q ? `?${q}` : ''}`)]);
      reps.replaceChildren(r.length ? scoreTable(r, 'rep') : h('p', { class: 'muted' }, t('sales.none')));
      teams.replaceChildren(tm.length ? scoreTable(tm, 'team') : h('p', { class: 'muted' }, t('sales.none')));
    } catch (e) {
      reps.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem(e)));
    }
  }
  load();
}

// ---- breakdown -----------------------------------------------------------------------------

function breakdown(main) {
  const by = h('select', { name: 'by', id: 'sales-by' }, ['channel', 'industry', 'size', 'intent', 'region'].map((d) => h('option', { value: d }, t(`sales.by.${d}`))));
  const out = h('div', { id: 'sales-breakdown' }, h('p', {}, t('common.loading')));
  const csv = csvLink('sales-breakdown-csv', '/api/v1/sales/breakdown?format=csv');
  const referrers = h('div', { id: 'sales-referrers' });
  const period = periodPicker(load);
  by.addEventListener('change', load);
  main.replaceChildren(
    h('h1', {}, t('sales.breakdown.title')),
    h('div', { class: 'fields' }, field(t('sales.by'), by)),
    period.node,
    h('p', { class: 'muted' }, t('sales.breakdown.help')),
    out,
    csv,
    h('h2', {}, t('sales.referrers.title')),
    referrers,
  );
  async function load() {
    const q = [`by=${by.value}`, period.query()].filter(Boolean).join('&');
    csv.href = `/api/v1/sales/breakdown?format=csv&${q}`;
    try {
      const rows = await api('GET', `/api/v1/sales/breakdown?${q}`);
      out.replaceChildren(
        rows.length === 0
          ? h('p', { class: 'muted' }, t('sales.none'))
          : table(
              [
                t(`sales.by.${by.value}`),
                t('sales.bd.opportunities'),
                t('sales.kpi.won'),
                t('sales.bd.winRate'),
                t('sales.kpi.cycle'),
                t('sales.bd.refundRate'),
                t('sales.kpi.wonAmount'),
                t('sales.bd.referrals'),
                t('sales.bd.referralsPerCustomer'),
              ],
              rows.map((r) =>
                h(
                  'tr',
                  { 'data-key': r.key },
                  h('td', {}, label(by.value, r.key)),
                  h('td', { class: 'sales-num' }, String(r.opportunities)),
                  h('td', { class: 'sales-num' }, String(r.won)),
                  h('td', { class: 'sales-num' }, percent(r.winRate)),
                  h('td', { class: 'sales-num' }, num(r.medianCycleDays, 1)),
                  h('td', { class: 'sales-num' }, percent(r.refundRate)),
                  h('td', { class: 'sales-num' }, money(r.wonAmount)),
                  h('td', { class: 'sales-num' }, String(r.referrals)),
                  h('td', { class: 'sales-num' }, num(r.referralsPerCustomer, 2)),
                ),
              ),
            ),
      );
      const counts = await api('GET', '/api/v1/sales/referral-counts');
      referrers.replaceChildren(
        counts.length === 0
          ? h('p', { class: 'muted' }, t('sales.none'))
          : table(
              [t('sales.customer'), t('sales.bd.referrals')],
              counts.slice(0, 20).map((c) => h('tr', { 'data-domain': c.domain }, h('td', {}, c.domain), h('td', { class: 'sales-num' }, String(c.referrals)))),
            ),
      );
    } catch (e) {
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem(e)));
    }
  }
  load();
}

// ---- all opportunities and one opportunity -------------------------------------------------

const ALL_STAGES = [...OPEN_STAGES, 'won', 'lost', 'refunded'];

function opportunities(main) {
  const stage = h('select', { name: 'stage', id: 'sales-stage' }, h('option', { value: '' }, t('sales.allStages')), ALL_STAGES.map((x) => h('option', { value: x }, t(`sales.stage.${x}`))));
  const out = h('div', { id: 'sales-opportunities' }, h('p', {}, t('common.loading')));
  const csv = csvLink('sales-opportunities-csv', '/api/v1/sales/opportunities?format=csv');
  stage.addEventListener('change', load);
  main.replaceChildren(h('h1', {}, t('sales.opportunities.title')), h('div', { class: 'fields' }, field(t('sales.stage'), stage), csv), out);
  async function load() {
    const q = stage.value ? `stage=${stage.value}` : '';
    csv.href = `/api/v1/sales/opportunities?format=csv${q ? `&${q}` : ''}`;
    try {
      const rows = await api('GET', `/api/v1/sales/opportunities${q ? `?${q}` : ''}`);
      out.replaceChildren(
        rows.length === 0
          ? h('p', { class: 'muted' }, t('sales.none'))
          : table(
              [t('sales.company'), t('sales.stage'), t('sales.amount'), t('sales.rep'), t('sales.openedOnShort'), t('sales.closedOnShort'), t('sales.cycle'), t('sales.reason')],
              rows.slice(0, 500).map((d) =>
                h(
                  'tr',
                  { 'data-id': String(d.id) },
                  h('td', {}, h('a', { href: `#/sales/opportunities/${d.id}` }, d.company)),
                  h('td', {}, t(`sales.stage.${d.stage}`)),
                  h('td', { class: 'sales-num' }, money(d.amount)),
                  h('td', {}, d.repName),
                  h('td', {}, d.openedOn),
                  h('td', {}, d.closedOn || ''),
                  h('td', { class: 'sales-num' }, num(d.cycleDays)),
                  h('td', {}, d.lostReason ? (LOST_REASONS.includes(d.lostReason) ? t(`sales.reason.${d.lostReason}`) : d.lostReason) : d.refundReason || ''),
                ),
              ),
            ),
      );
    } catch (e) {
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem(e)));
    }
  }
  load();
}

function opportunity(main, me, id) {
  const message = h('p', { role: 'status', id: 'sales-message', class: 'ok' });
  main.replaceChildren(h('h1', {}, t('common.loading')));
  async function load() {
    let d;
    try {
      d = await api('GET', `/api/v1/sales/opportunities/${id}`);
    } catch (e) {
      main.replaceChildren(h('h1', {}, t('sales.opportunity')), h('p', { class: 'error', role: 'alert' }, e instanceof ApiError && e.status === 404 ? t('common.notFoundData') : problem(e)));
      return;
    }
    const facts = [
      [t('sales.stage'), t(`sales.stage.${d.stage}`)],
      [t('sales.amount'), money(d.amount)],
      [t('sales.seats'), `${d.seats} · ${d.plan}`],
      [t('sales.rep'), `${d.repName} (${d.team})`],
      [t('sales.by.channel'), d.channel ? label('channel', d.channel) : '—'],
      [t('sales.campaign'), d.campaign || '—'],
      [t('sales.by.industry'), d.industry ? label('industry', d.industry) : '—'],
      [t('sales.by.size'), label('size', d.sizeBand)],
      [t('sales.by.intent'), d.intent || '—'],
      [t('sales.by.region'), d.region || '—'],
      [t('sales.leadId'), d.leadId === null ? '—' : String(d.leadId)],
    ];
    if (d.lostReason) facts.push([t('sales.reason'), LOST_REASONS.includes(d.lostReason) ? t(`sales.reason.${d.lostReason}`) : d.lostReason]);
    if (d.refundedOn) facts.push([t('sales.refund'), `${d.refundedOn} · ${d.refundReason} · ${money(d.refundAmount)}`]);
    const history = h(
      'ol',
      { class: 'sales-history', id: 'sales-history' },
      d.history.map((e) => h('li', { 'data-stage': e.stage }, h('strong', {}, t(`sales.stage.${e.stage}`)), ' ', e.enteredOn)),
    );
    const customer = h('div', { id: 'sales-deal-customer' });
    main.replaceChildren(
      h('h1', {}, d.company),
      h('p', {}, h('a', { href: '#/sales/pipeline' }, t('sales.nav.pipeline'))),
      message,
      h('dl', { class: 'sales-facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('h2', {}, t('sales.history')),
      history,
      customer,
    );
    if (d.domain) {
      try {
        const c = await api('GET', `/api/v1/sales/opportunities/${id}/customer`);
        customer.append(
          h('h2', {}, t('sales.customer')),
          h('p', {}, h('a', { href: `#/telephony/tenants/${enc(c.domain)}/extensions` }, c.domain), ' · ', c.name),
          h('p', { class: 'sales-subscription' }, t('sales.subscription', { plan: c.plan, seats: c.seats, status: c.subscriptionStatus, invoice: c.firstInvoice || '—', total: money(c.firstInvoiceTotal) })),
        );
      } catch (e) {
        customer.append(h('p', { class: 'muted' }, problem(e)));
      }
    }
    if (d.stage === 'won' && canWrite(me)) customer.append(refundForm(d));
  }

  function refundForm(d) {
    const reason = h('input', { name: 'reason', required: true, maxlength: '64' });
    const form = h('form', { class: 'card', id: 'sales-refund' }, h('h2', {}, t('sales.refund')), h('p', { class: 'muted' }, t('sales.refund.help')), h('div', { class: 'fields' }, field(t('sales.reason'), reason)), h('button', { type: 'submit' }, t('sales.refund.submit')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const r = await api('POST', `/api/v1/sales/opportunities/${d.id}/refund`, { on: today(), reason: reason.value });
        await load();
        message.className = 'ok';
        message.textContent = t('sales.refunded', { company: r.company, amount: money(r.refundAmount) });
      } catch (e) {
        message.className = 'error';
        message.textContent = problem(e);
      }
    });
    return form;
  }
  load();
}
