// The marketing department's pages: the funnel and channel ranking, leads (list with filters and
// bulk actions, detail with timeline), campaigns (with their funnel and 复盘), and the library.
import { api, enc, ApiError } from './api.js';
import { h, field, table } from './dom.js';
import { t, currentLang, formatTime } from './i18n.js';

const M = '/api/v1/marketing';
const STATUSES = ['new', 'valid', 'trial', 'opportunity', 'won', 'lost', 'invalid'];
const MOVES = ['valid', 'trial', 'opportunity', 'won', 'lost', 'invalid'];
const STAGES = ['leads', 'valid', 'trial', 'opportunity', 'won'];

/** Links shown in the navigation: [hash, i18n key]. */
export const NAV = [['#/marketing', 'dept.marketing']];

/** The department's own tabs, on every marketing page. */
const TABS = [
  ['#/marketing', 'dept.marketing'],
  ['#/marketing/leads', 'marketing.nav.leads'],
  ['#/marketing/campaigns', 'marketing.nav.campaigns'],
  ['#/marketing/library', 'marketing.nav.library'],
];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [
  [/^#\/marketing$/, (m, main) => overview(main)],
  [/^#\/marketing\/leads$/, (m, main) => leads(main)],
  [/^#\/marketing\/leads\/(\d+)$/, (m, main) => lead(main, m[1])],
  [/^#\/marketing\/campaigns$/, (m, main) => campaigns(main)],
  [/^#\/marketing\/campaigns\/([^/]+)$/, (m, main) => campaign(main, decodeURIComponent(m[1]))],
  [/^#\/marketing\/library$/, (m, main) => library(main)],
];

// ---- helpers --------------------------------------------------------------------------------

function problem(e) {
  if (e instanceof ApiError && e.status === 404) return t('common.notFoundData');
  if (e instanceof ApiError && e.status === 403) return t('common.forbidden');
  return t('common.failed', { error: e.message });
}

function errorLine(e) {
  return h('p', { class: 'error', role: 'alert' }, problem(e));
}

function pct(rate) {
  return rate === null || rate === undefined ? '–' : `${(Number(rate) * 100).toFixed(1)}%`;
}

function money(v) {
  if (v === null || v === undefined) return '–';
  return Number(v).toLocaleString(currentLang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function days(v) {
  return v === null || v === undefined ? '–' : Number(v).toLocaleString(currentLang(), { maximumFractionDigits: 1 });
}

function channelName(code) {
  const key = `marketing.channel.${code}`;
  const known = ['trade_show', 'open_class', 'industry_salon', 'door_to_door', 'offline_ads', 'partnership',
    'self_media', 'website', 'vertical_site', 'search', 'partner_promotion', 'referral', 'total'];
  return known.includes(code) ? t(key) : code;
}

/** The calendar day (YYYY-MM-DD) of a moment in the business time zone, as the server counts. */
function businessDay(when) {
  return new Date(when).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

function isoDay(d) {
  return businessDay(d);
}

function yearRange() {
  const to = new Date();
  const from = new Date(to);
  from.setFullYear(from.getFullYear() - 1);
  from.setDate(from.getDate() + 1);
  return { from: isoDay(from), to: isoDay(to) };
}

function tabs(current) {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': t('dept.marketing') },
    TABS.map(([href, key]) => h('a', { href, 'aria-current': href === current ? 'page' : null }, t(key))),
  );
}

/** The funnel as HTML bars: one bar per stage, width by count, with the step conversion. */
function funnelBars(row) {
  const max = Math.max(1, row.leads);
  const rates = [null, row.validRate, row.trialRate, row.opportunityRate, row.winRate];
  return h(
    'div',
    { class: 'mk-funnel', 'data-key': row.key },
    STAGES.map((s, i) =>
      h(
        'div',
        { class: 'mk-step', 'data-stage': s },
        h('span', { class: 'mk-step-label' }, t(`marketing.stage.${s}`)),
        h(
          'span',
          { class: 'mk-bar-track' },
          h('span', { class: 'mk-bar', style: `width:${Math.max(0.5, (100 * row[s]) / max).toFixed(1)}%` }),
        ),
        h('span', { class: 'mk-step-count' }, String(row[s])),
        h('span', { class: 'mk-step-rate muted' }, i === 0 ? '' : pct(rates[i])),
      ),
    ),
  );
}

function costLine(row) {
  return h(
    'dl',
    { class: 'mk-costs' },
    h('dt', {}, t('marketing.cost')), h('dd', { 'data-cost': 'total' }, money(row.cost)),
    h('dt', {}, t('marketing.costPerLead')), h('dd', { 'data-cost': 'lead' }, money(row.costPerLead)),
    h('dt', {}, t('marketing.costPerValid')), h('dd', { 'data-cost': 'valid' }, money(row.costPerValid)),
    h('dt', {}, t('marketing.costPerWon')), h('dd', { 'data-cost': 'won' }, money(row.costPerWon)),
  );
}

function rangeForm(range, onChange) {
  const from = h('input', { type: 'date', value: range.from, name: 'from' });
  const to = h('input', { type: 'date', value: range.to, name: 'to' });
  return h(
    'form',
    {
      class: 'fields mk-range',
      onsubmit: (ev) => {
        ev.preventDefault();
        onChange({ from: from.value, to: to.value });
      },
    },
    field(t('marketing.from'), from),
    field(t('marketing.to'), to),
    h('button', { type: 'submit' }, t('marketing.apply')),
  );
}

// ---- overview: funnel per channel and the Pareto ranking -----------------------------------

function overview(main) {
  let range = yearRange();
  const body = h('div', {}, h('p', {}, t('common.loading')));
  main.replaceChildren(
    h('h1', {}, t('marketing.overview.title')),
    tabs('#/marketing'),
    rangeForm(range, (r) => {
      range = r;
      load();
    }),
    body,
  );

  async function load() {
    try {
      const q = `from=${enc(range.from)}&to=${enc(range.to)}`;
      const [funnel, ranking] = await Promise.all([
        api('GET', `${M}/funnel?${q}`),
        api('GET', `${M}/channel-ranking?${q}`),
      ]);
      const total = funnel.rows[funnel.rows.length - 1];
      body.replaceChildren(
        h('section', { class: 'card', id: 'mk-total' }, h('h2', {}, t('marketing.overview.total')), funnelBars(total), costLine(total)),
        h('section', { class: 'card' }, h('h2', {}, t('marketing.ranking.title')), rankingView(ranking, q)),
        h('section', { class: 'card' }, h('h2', {}, t('marketing.funnel.byChannel')), funnelTable(funnel.rows, q)),
      );
    } catch (e) {
      body.replaceChildren(errorLine(e));
    }
  }
  load();
}

function rankingView(ranking, q) {
  const maxWon = Math.max(1, ...ranking.channels.map((c) => c.won));
  const chart = h(
    'div',
    { class: 'mk-pareto', role: 'img', 'aria-label': t('marketing.ranking.chart') },
    ranking.channels.map((c) =>
      h(
        'div',
        { class: `mk-pareto-row advice-${c.advice}`, 'data-channel': c.channel },
        h('span', { class: 'mk-pareto-name' }, channelName(c.channel)),
        h(
          'span',
          { class: 'mk-bar-track' },
          h('span', { class: 'mk-bar', style: `width:${Math.max(0.5, (100 * c.won) / maxWon).toFixed(1)}%` }),
          h('span', { class: 'mk-cum', style: `left:${(100 * Number(c.cumulativeShare || 0)).toFixed(1)}%`, title: pct(c.cumulativeShare) }),
        ),
        h('span', { class: 'mk-pareto-won' }, String(c.won)),
        h('span', { class: 'mk-pareto-cum muted' }, pct(c.cumulativeShare)),
      ),
    ),
  );
  const rows = ranking.channels.map((c) =>
    h(
      'tr',
      { 'data-channel': c.channel },
      h('td', {}, String(c.position)),
      h('td', {}, channelName(c.channel)),
      h('td', {}, String(c.leads)),
      h('td', {}, String(c.won)),
      h('td', {}, pct(c.cumulativeShare)),
      h('td', {}, money(c.cost)),
      h('td', {}, money(c.costPerWon)),
      h('td', {}, c.lifetimeRevenue === null ? '–' : money(c.lifetimeRevenue)),
      h('td', {}, c.yield === null ? '–' : String(c.yield)),
      h('td', { class: `advice advice-${c.advice}` }, t(`marketing.advice.${c.advice}`)),
    ),
  );
  return h(
    'div',
    {},
    h('p', { class: 'muted' }, ranking.revenueKnown ? t('marketing.ranking.byYield') : t('marketing.ranking.byCac')),
    chart,
    table(
      [t('marketing.rank'), t('marketing.channel'), t('marketing.stage.leads'), t('marketing.stage.won'), t('marketing.cumulative'),
        t('marketing.cost'), t('marketing.costPerWon'), t('marketing.revenue'), t('marketing.yield'), t('marketing.advice')],
      rows,
    ),
    h('p', {}, h('a', { href: `${M}/channel-ranking?${q}&format=csv`, download: 'channel-ranking.csv' }, t('marketing.exportCsv'))),
  );
}

function funnelTable(rows, q) {
  return h(
    'div',
    {},
    table(
      [t('marketing.channel'), ...STAGES.map((s) => t(`marketing.stage.${s}`)), t('marketing.leadToWon'),
        t('marketing.costPerLead'), t('marketing.costPerWon'), t('marketing.medianDays')],
      rows.map((r) =>
        h(
          'tr',
          { 'data-key': r.key },
          h('td', {}, channelName(r.key)),
          ...STAGES.map((s) => h('td', {}, String(r[s]))),
          h('td', {}, pct(r.leadToWonRate)),
          h('td', {}, money(r.costPerLead)),
          h('td', {}, money(r.costPerWon)),
          h('td', {}, [r.medianDaysToValid, r.medianDaysToTrial, r.medianDaysToOpportunity, r.medianDaysToWon].map(days).join(' / ')),
        ),
      ),
    ),
    h('p', {}, h('a', { href: `${M}/funnel?${q}&format=csv`, download: 'funnel.csv' }, t('marketing.exportCsv'))),
  );
}

// ---- leads ---------------------------------------------------------------------------------

function leads(main) {
  const status = h('select', { name: 'status' }, h('option', { value: '' }, t('marketing.any')),
    STATUSES.map((s) => h('option', { value: s }, t(`marketing.status.${s}`))));
  const channel = h('select', { name: 'channel' }, h('option', { value: '' }, t('marketing.any')));
  const intent = h('select', { name: 'intent' }, h('option', { value: '' }, t('marketing.any')),
    ['A', 'B', 'C', 'D'].map((g) => h('option', { value: g }, g)));
  const owner = h('input', { type: 'text', name: 'owner', size: 22 });
  const text = h('input', { type: 'search', name: 'q', size: 18 });
  const message = h('p', { role: 'status', class: 'ok' });
  const list = h('div', { id: 'lead-list' }, h('p', {}, t('common.loading')));
  const exportLink = h('a', { id: 'lead-export', download: 'leads.csv' }, t('marketing.exportCsv'));
  const newOwner = h('input', { type: 'email', name: 'newOwner', size: 22 });
  const selected = new Set();
  const pages = [null];

  main.replaceChildren(
    h('h1', {}, t('marketing.leads.title')),
    tabs('#/marketing/leads'),
    h(
      'form',
      { class: 'card fields', id: 'lead-filters', onsubmit: (ev) => { ev.preventDefault(); pages.length = 1; load(); } },
      field(t('marketing.status'), status),
      field(t('marketing.channel'), channel),
      field(t('marketing.intent'), intent),
      field(t('marketing.owner'), owner),
      field(t('marketing.search'), text),
      h('button', { type: 'submit', class: 'primary' }, t('marketing.filter')),
    ),
    h(
      'div',
      { class: 'card fields', id: 'lead-bulk' },
      field(t('marketing.bulk.owner'), newOwner),
      h('button', { type: 'button', 'data-action': 'assign', onclick: () => bulk('assign') }, t('marketing.bulk.assign')),
      h('button', { type: 'button', 'data-action': 'invalid', onclick: () => bulk('invalid') }, t('marketing.bulk.invalid')),
      exportLink,
    ),
    message,
    list,
  );

  api('GET', `${M}/channels`).then((cs) =>
    channel.append(...cs.map((c) => h('option', { value: c.code }, channelName(c.code)))));

  function query() {
    const p = new URLSearchParams();
    for (const [k, el] of [['status', status], ['channel', channel], ['intent', intent], ['owner', owner], ['q', text]]) {
      if (el.value) p.set(k, el.value.trim());
    }
    return p;
  }

  async function bulk(action) {
    if (selected.size === 0) {
      message.className = 'error';
      message.textContent = t('marketing.bulk.none');
      return;
    }
    try {
      const body = { ids: [...selected].map(Number), action };
      if (action === 'assign') body.owner = newOwner.value;
      const r = await api('POST', `${M}/leads/bulk`, body);
      message.className = 'ok';
      message.textContent = t('marketing.bulk.done', { n: r.changed });
      selected.clear();
      load();
    } catch (e) {
      message.className = 'error';
      message.textContent = problem(e);
    }
  }

  async function load() {
    const p = query();
    exportLink.href = `${M}/leads?${p}${p.toString() ? '&' : ''}format=csv`;
    const after = pages[pages.length - 1];
    if (after) p.set('after', after);
    p.set('limit', '50');
    try {
      const page = await api('GET', `${M}/leads?${p}`);
      const rows = page.items.map((l) =>
        h(
          'tr',
          { 'data-id': String(l.id) },
          h('td', {}, h('input', { type: 'checkbox', 'aria-label': t('marketing.select', { name: l.name }), checked: selected.has(l.id),
            onchange: (ev) => (ev.target.checked ? selected.add(l.id) : selected.delete(l.id)) })),
          h('td', {}, h('a', { href: `#/marketing/leads/${l.id}` }, l.name)),
          h('td', {}, l.company || ''),
          h('td', {}, l.phone || l.email || ''),
          h('td', {}, channelName(l.channel)),
          h('td', { class: 'intent' }, l.intent),
          h('td', { class: `status status-${l.status}` }, t(`marketing.status.${l.status}`)),
          h('td', {}, l.ownerEmail || ''),
          h('td', {}, l.createdOn),
        ),
      );
      list.replaceChildren(
        h('p', { class: 'muted', id: 'lead-total' }, t('marketing.leads.total', { n: page.total })),
        page.items.length === 0
          ? h('p', { class: 'muted' }, t('marketing.leads.none'))
          : table(['', t('marketing.name'), t('marketing.company'), t('marketing.contact'), t('marketing.channel'),
              t('marketing.intent'), t('marketing.status'), t('marketing.owner'), t('marketing.createdOn')], rows),
        h(
          'div',
          { class: 'actions' },
          pages.length > 1 ? h('button', { type: 'button', onclick: () => { pages.pop(); load(); } }, t('common.previous')) : null,
          page.nextAfter ? h('button', { type: 'button', onclick: () => { pages.push(page.nextAfter); load(); } }, t('common.next')) : null,
        ),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  load();
}

function lead(main, id) {
  const body = h('div', {}, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  main.replaceChildren(h('h1', {}, t('marketing.lead.title')), tabs('#/marketing/leads'), message, body);

  async function load() {
    try {
      const [tl, dups] = await Promise.all([
        api('GET', `${M}/leads/${id}/timeline`),
        api('GET', `${M}/leads/${id}/duplicates`),
      ]);
      const l = tl.lead;
      body.replaceChildren(
        h(
          'section',
          { class: 'card', id: 'lead-facts' },
          h('h2', {}, l.name, ' ', h('span', { class: `status status-${l.status}` }, t(`marketing.status.${l.status}`))),
          l.mergedInto ? h('p', { class: 'error' }, t('marketing.lead.merged', { id: l.mergedInto })) : null,
          h(
            'dl',
            { class: 'mk-facts' },
            ...[
              ['marketing.company', l.company], ['marketing.phone', l.phone], ['marketing.email', l.email],
              ['marketing.industry', l.industry], ['marketing.region', l.region], ['marketing.seats', l.seats],
              ['marketing.channel', channelName(l.channel)], ['marketing.campaign', l.campaign],
              ['marketing.intent', l.intent], ['marketing.owner', l.ownerEmail], ['marketing.createdOn', l.createdOn],
              ['marketing.customer', l.tenantDomain],
            ].flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v === null || v === undefined ? '–' : String(v))]),
          ),
        ),
        l.mergedInto ? null : moveForm(l),
        h('section', { class: 'card' }, h('h2', {}, t('marketing.timeline')), timeline(tl)),
        l.mergedInto ? null : noteForm(),
        dups.length === 0 ? null : h('section', { class: 'card', id: 'lead-duplicates' }, h('h2', {}, t('marketing.duplicates')),
          table([t('marketing.name'), t('marketing.company'), t('marketing.contact'), t('marketing.status'), t('common.actions')],
            dups.map((d) => h('tr', { 'data-id': String(d.id) },
              h('td', {}, h('a', { href: `#/marketing/leads/${d.id}` }, d.name)),
              h('td', {}, d.company || ''),
              h('td', {}, d.phone || d.email || ''),
              h('td', {}, t(`marketing.status.${d.status}`)),
              h('td', {}, h('button', { type: 'button', 'data-action': 'merge', onclick: () => merge(d.id) }, t('marketing.mergeHere'))),
            )))),
      );
    } catch (e) {
      body.replaceChildren(errorLine(e));
    }
  }

  function moveForm(l) {
    const to = h('select', { name: 'status' }, MOVES.map((s) => h('option', { value: s }, t(`marketing.status.${s}`))));
    const on = h('input', { type: 'date', name: 'on', value: isoDay(new Date()) });
    const note = h('input', { type: 'text', name: 'note', size: 30 });
    return h(
      'form',
      {
        class: 'card fields',
        id: 'lead-move',
        onsubmit: async (ev) => {
          ev.preventDefault();
          try {
            const body = { status: to.value, on: on.value || null };
            if (note.value) body[to.value === 'lost' ? 'lostReason' : 'note'] = note.value;
            await api('POST', `${M}/leads/${id}/status`, body);
            message.className = 'ok';
            message.textContent = t('marketing.lead.moved', { status: t(`marketing.status.${to.value}`) });
            load();
          } catch (e) {
            message.className = 'error';
            message.textContent = problem(e);
          }
        },
      },
      field(t('marketing.lead.moveTo'), to),
      field(t('marketing.on'), on),
      field(t('marketing.noteOrReason'), note),
      h('button', { type: 'submit', class: 'primary' }, t('marketing.lead.move')),
    );
  }

  function noteForm() {
    const text = h('input', { type: 'text', name: 'body', size: 50 });
    return h(
      'form',
      {
        class: 'card fields',
        id: 'lead-note',
        onsubmit: async (ev) => {
          ev.preventDefault();
          try {
            await api('POST', `${M}/leads/${id}/notes`, { body: text.value });
            load();
          } catch (e) {
            message.className = 'error';
            message.textContent = problem(e);
          }
        },
      },
      field(t('marketing.note'), text),
      h('button', { type: 'submit' }, t('marketing.addNote')),
    );
  }

  async function merge(other) {
    try {
      await api('POST', `${M}/leads/${id}/merge`, { from: other });
      message.className = 'ok';
      message.textContent = t('marketing.merged', { id: other });
      load();
    } catch (e) {
      message.className = 'error';
      message.textContent = problem(e);
    }
  }
  load();
}

function timeline(tl) {
  const items = [
    ...tl.events.map((e) => ({ at: e.occurredOn, sort: e.recordedAt, kind: e.kind, text: e.note, who: e.actor })),
    ...tl.notes.map((n) => ({ at: businessDay(n.createdAt), sort: n.createdAt, kind: 'note', text: n.body, who: n.author })),
  ].sort((a, b) => (a.at === b.at ? Date.parse(a.sort) - Date.parse(b.sort) : a.at.localeCompare(b.at)));
  return h(
    'ol',
    { class: 'mk-timeline', id: 'lead-timeline' },
    items.map((i) =>
      h(
        'li',
        { 'data-kind': i.kind },
        h('time', {}, i.at),
        ' ',
        h('strong', {}, t(`marketing.event.${i.kind}`)),
        i.text ? ` — ${i.text}` : '',
        i.who ? h('span', { class: 'muted' }, ` (${i.who})`) : '',
      ),
    ),
  );
}

// ---- campaigns -----------------------------------------------------------------------------

function campaigns(main) {
  const list = h('div', { id: 'campaign-list' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  main.replaceChildren(h('h1', {}, t('marketing.campaigns.title')), tabs('#/marketing/campaigns'), message, list, createCampaignForm());

  async function load() {
    try {
      const rows = await api('GET', `${M}/campaigns`);
      list.replaceChildren(
        rows.length === 0
          ? h('p', { class: 'muted' }, t('marketing.campaigns.none'))
          : table(
              [t('marketing.campaign'), t('marketing.channel'), t('marketing.dates'), t('marketing.budget'), t('marketing.actualCost'), t('marketing.retro')],
              rows.map((c) =>
                h(
                  'tr',
                  { 'data-code': c.code },
                  h('td', {}, h('a', { href: `#/marketing/campaigns/${enc(c.code)}` }, c.name)),
                  h('td', {}, channelName(c.channel)),
                  h('td', {}, `${c.startsOn} – ${c.endsOn}`),
                  h('td', {}, money(c.budget)),
                  h('td', {}, money(c.actualCost)),
                  h('td', {}, c.retrospective ? '✓' : ''),
                ),
              ),
            ),
        h('p', {}, h('a', { href: `${M}/campaigns?format=csv`, download: 'campaigns.csv' }, t('marketing.exportCsv'))),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }

  function createCampaignForm() {
    const code = h('input', { type: 'text', name: 'code', required: true, size: 12 });
    const name = h('input', { type: 'text', name: 'name', required: true });
    const channel = h('select', { name: 'channel' });
    const starts = h('input', { type: 'date', name: 'startsOn', required: true });
    const ends = h('input', { type: 'date', name: 'endsOn', required: true });
    const budget = h('input', { type: 'number', name: 'budget', step: '0.01', min: '0' });
    const cost = h('input', { type: 'number', name: 'actualCost', step: '0.01', min: '0' });
    api('GET', `${M}/channels`).then((cs) => channel.append(...cs.map((c) => h('option', { value: c.code }, channelName(c.code)))));
    return h(
      'form',
      {
        class: 'card fields',
        id: 'campaign-create',
        onsubmit: async (ev) => {
          ev.preventDefault();
          try {
            await api('POST', `${M}/campaigns`, {
              code: code.value, name: name.value, channel: channel.value, startsOn: starts.value, endsOn: ends.value,
              budget: budget.value || null, actualCost: cost.value || null,
            });
            message.className = 'ok';
            message.textContent = t('marketing.campaigns.created', { name: name.value });
            load();
          } catch (e) {
            message.className = 'error';
            message.textContent = problem(e);
          }
        },
      },
      h('h2', {}, t('marketing.campaigns.new')),
      field(t('marketing.code'), code), field(t('marketing.name'), name), field(t('marketing.channel'), channel),
      field(t('marketing.startsOn'), starts), field(t('marketing.endsOn'), ends),
      field(t('marketing.budget'), budget), field(t('marketing.actualCost'), cost),
      h('button', { type: 'submit', class: 'primary' }, t('common.create')),
    );
  }
  load();
}

function campaign(main, code) {
  const body = h('div', {}, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  main.replaceChildren(h('h1', {}, t('marketing.campaign.title')), tabs('#/marketing/campaigns'), message, body);

  async function load() {
    try {
      const v = await api('GET', `${M}/campaigns/${enc(code)}`);
      const c = v.campaign;
      const worked = h('textarea', { name: 'worked', rows: 3, cols: 60 });
      worked.value = c.retrospective ? c.retrospective.worked : '';
      const change = h('textarea', { name: 'change', rows: 3, cols: 60 });
      change.value = c.retrospective ? c.retrospective.change : '';
      body.replaceChildren(
        h(
          'section',
          { class: 'card', id: 'campaign-facts' },
          h('h2', {}, c.name),
          h('dl', { class: 'mk-facts' },
            ...[
              ['marketing.channel', channelName(c.channel)], ['marketing.dates', `${c.startsOn} – ${c.endsOn}`],
              ['marketing.owner', c.ownerEmail], ['marketing.budget', money(c.budget)], ['marketing.actualCost', money(c.actualCost)],
              ['marketing.leadGoal', c.leadGoal], ['marketing.content', c.content],
            ].flatMap(([k, val]) => [h('dt', {}, t(k)), h('dd', {}, val === null || val === undefined ? '–' : String(val))])),
        ),
        h('section', { class: 'card', id: 'campaign-funnel' }, h('h2', {}, t('marketing.campaign.funnel')), funnelBars(v.funnel), costLine(v.funnel),
          h('p', {}, h('a', { href: `#/marketing/leads` }, t('marketing.campaign.leads')))),
        h(
          'form',
          {
            class: 'card',
            id: 'campaign-retro',
            onsubmit: async (ev) => {
              ev.preventDefault();
              try {
                await api('PUT', `${M}/campaigns/${enc(code)}/retrospective`, { worked: worked.value, change: change.value });
                message.className = 'ok';
                message.textContent = t('marketing.retro.saved');
                load();
              } catch (e) {
                message.className = 'error';
                message.textContent = problem(e);
              }
            },
          },
          h('h2', {}, t('marketing.retro')),
          c.retrospective ? h('p', { class: 'muted' }, t('marketing.retro.written', { at: formatTime(c.retrospective.writtenAt) })) : null,
          h('div', { class: 'fields' }, field(t('marketing.retro.worked'), worked), field(t('marketing.retro.change'), change)),
          h('button', { type: 'submit', class: 'primary' }, t('common.save')),
        ),
      );
    } catch (e) {
      body.replaceChildren(errorLine(e));
    }
  }
  load();
}

// ---- library: competitors, personas, content -------------------------------------------------

function library(main) {
  const body = h('div', {}, h('p', {}, t('common.loading')));
  main.replaceChildren(h('h1', {}, t('marketing.library.title')), tabs('#/marketing/library'), body);
  Promise.all([api('GET', `${M}/competitors`), api('GET', `${M}/personas`), api('GET', `${M}/content`)])
    .then(([competitors, personas, content]) => {
      body.replaceChildren(
        h('section', { class: 'card', id: 'competitors' }, h('h2', {}, t('marketing.competitors')),
          competitors.length === 0 ? h('p', { class: 'muted' }, t('marketing.none')) : null,
          ...competitors.map((c) => h('article', { class: 'mk-competitor', 'data-id': String(c.id) },
            h('h3', {}, c.name, ' ', h('span', { class: 'muted' }, t(`marketing.competitorKind.${c.kind}`))),
            h('p', {}, h('strong', {}, t('marketing.pricing')), ' ', c.pricing || '–'),
            h('p', {}, h('strong', {}, t('marketing.features')), ' ', c.features || '–'),
            c.faq.length === 0 ? null : h('dl', { class: 'mk-faq' }, ...c.faq.flatMap((f) => [h('dt', {}, f.question), h('dd', {}, f.answer)])),
          ))),
        h('section', { class: 'card', id: 'personas' }, h('h2', {}, t('marketing.personas')),
          personas.length === 0 ? h('p', { class: 'muted' }, t('marketing.none')) : table(
            [t('marketing.name'), t('marketing.persona.chain'), t('marketing.persona.concerns'), t('marketing.persona.triggers'), t('marketing.persona.foundAt')],
            personas.map((p) => h('tr', { 'data-code': p.code }, h('td', {}, p.name), h('td', {}, p.decisionChain || ''),
              h('td', {}, p.concerns || ''), h('td', {}, p.triggers || ''), h('td', {}, p.foundAt || ''))))),
        h('section', { class: 'card', id: 'content' }, h('h2', {}, t('marketing.content')),
          content.length === 0 ? h('p', { class: 'muted' }, t('marketing.none')) : table(
            [t('marketing.title'), t('marketing.kind'), t('marketing.stage'), t('marketing.persona')],
            content.map((i) => h('tr', { 'data-id': String(i.id) },
              h('td', {}, i.url ? h('a', { href: i.url, rel: 'noopener' }, i.title) : i.title),
              h('td', {}, t(`marketing.contentKind.${i.kind}`)),
              h('td', {}, i.funnelStage ? t(`marketing.status.${i.funnelStage === 'lead' ? 'new' : i.funnelStage}`) : ''),
              h('td', {}, i.persona || ''))))),
      );
    })
    .catch((e) => body.replaceChildren(errorLine(e)));
}
