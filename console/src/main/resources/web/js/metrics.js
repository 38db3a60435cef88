// SaaS metrics pages (MRR/ARR movements, cohorts, 收益度); app.js mounts ROUTES and shows NAV.
import { api, ApiError } from './api.js';
import { h, field, table } from './dom.js';
import { t, currentLang } from './i18n.js';

/** Links shown in the navigation: [hash, i18n key]. */
export const NAV = [
  ['#/metrics', 'metrics.nav.overview'],
  ['#/metrics/cohorts', 'metrics.nav.cohorts'],
  ['#/metrics/yield', 'metrics.nav.yield'],
];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [
  [/^#\/metrics(?:\?(.*))?$/, (m, main) => overview(main, params(m[1]))],
  [/^#\/metrics\/cohorts(?:\?(.*))?$/, (m, main) => cohorts(main, params(m[1]))],
  [/^#\/metrics\/yield(?:\?(.*))?$/, (m, main) => yieldPage(main, params(m[1]))],
];

// Movement series: key in the API, i18n key, colour. Positive ones stack up, negative ones down.
const UP = [
  ['newMrr', 'metrics.new', '#1b7f3a'],
  ['expansionMrr', 'metrics.expansion', '#5bb974'],
  ['reactivationMrr', 'metrics.reactivation', '#1f5fbf'],
];
const DOWN = [
  ['contractionMrr', 'metrics.contraction', '#e8a23b'],
  ['churnMrr', 'metrics.churn', '#b3261e'],
];

function params(query) {
  return new URLSearchParams(query || '');
}

function problem(e) {
  if (e instanceof ApiError && e.status === 403) return t('common.forbidden');
  return t('common.failed', { error: e.message });
}

function errorLine(e) {
  return h('p', { class: 'error', role: 'alert' }, problem(e));
}

function none(v) {
  return v === null || v === undefined;
}

function money(v) {
  if (none(v)) return '—';
  return Number(v).toLocaleString(currentLang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function percent(v) {
  if (none(v)) return '—';
  return `${Number(v).toLocaleString(currentLang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
}

function ratio(v) {
  if (none(v)) return '—';
  return Number(v).toLocaleString(currentLang(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function num(v) {
  return h('td', { class: 'metrics-num' }, v);
}

/** The as-of / window form shared by the pages; submitting rewrites the hash (bookmarkable). */
function windowForm(base, q, withWindow, extra = []) {
  const asOf = h('input', { type: 'date', name: 'asOf', value: q.get('asOf') || '' });
  const from = h('input', { type: 'month', name: 'from', value: q.get('from') || '' });
  const to = h('input', { type: 'month', name: 'to', value: q.get('to') || '' });
  const form = h(
    'form',
    { class: 'card metrics-window', id: 'metrics-window' },
    h(
      'div',
      { class: 'fields' },
      field(t('metrics.asOf'), asOf),
      withWindow ? field(t('metrics.from'), from) : null,
      withWindow ? field(t('metrics.to'), to) : null,
      ...extra.map(([label, control]) => field(label, control)),
      h('button', { type: 'submit', class: 'primary' }, t('metrics.apply')),
    ),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    if (asOf.value) next.set('asOf', asOf.value);
    if (withWindow && from.value) next.set('from', from.value);
    if (withWindow && to.value) next.set('to', to.value);
    for (const [, control] of extra) if (control.value) next.set(control.name, control.value);
    location.hash = `${base}${next.toString() ? `?${next}` : ''}`;
  });
  return { form, asOf, from, to };
}

function query(q, names) {
  const out = new URLSearchParams();
  for (const n of names) if (q.get(n)) out.set(n, q.get(n));
  return out.toString();
}

function asOfLine(asOf) {
  return h('p', { class: 'muted metrics-asof', id: 'metrics-asof' }, t('metrics.figuresAsOf', { date: asOf }));
}

// ---- overview: KPI strip, MRR chart, movements table ---------------------------------------

function overview(main, q) {
  const { form, asOf, from, to } = windowForm('#/metrics', q, true);
  const kpis = h('div', { class: 'metrics-kpis', id: 'metrics-kpis' }, h('p', {}, t('common.loading')));
  const chart = h('div', { class: 'chart', id: 'metrics-chart', role: 'img', 'aria-label': t('metrics.chart') });
  const months = h('div', { id: 'metrics-months' });
  const stamp = h('div');
  main.replaceChildren(h('h1', {}, t('metrics.title')), form, stamp, kpis, h('h2', {}, t('metrics.movements')), chart, months);
  let plot = null;
  const resize = () => plot && plot.setSize({ width: Math.max(chart.clientWidth - 16, 260), height: 320 });
  window.addEventListener('resize', resize);

  (async () => {
    try {
      const [s, r] = await Promise.all([
        api('GET', `/api/v1/metrics/summary?${query(q, ['asOf'])}`),
        api('GET', `/api/v1/metrics/mrr?${query(q, ['asOf', 'from', 'to'])}`),
      ]);
      asOf.value = s.asOf;
      from.value = r.from;
      to.value = r.to;
      stamp.replaceChildren(asOfLine(s.asOf));
      kpis.replaceChildren(...kpiStrip(s));
      plot = movementChart(chart, r.months);
      months.replaceChildren(monthTable(r.months));
    } catch (e) {
      kpis.replaceChildren(errorLine(e));
    }
  })();
  return () => {
    window.removeEventListener('resize', resize);
    if (plot) plot.destroy();
  };
}

function kpiStrip(s) {
  const kpi = (id, label, value, note) =>
    h('div', { class: 'metrics-kpi', id: `kpi-${id}` }, h('span', { class: 'label' }, label), h('strong', { class: 'value' }, value),
      note ? h('span', { class: 'note' }, note) : null);
  const average = t('metrics.window', { from: s.from, to: s.to });
  const span = t('metrics.windowSpan', { from: s.from, to: s.to });
  return [
    kpi('mrr', t('metrics.mrr'), money(s.mrr), t('metrics.onDate', { date: s.date })),
    kpi('arr', t('metrics.arr'), money(s.arr), t('metrics.onDate', { date: s.date })),
    kpi('customers', t('metrics.customers'), String(s.customers), null),
    kpi('arpa', t('metrics.arpa'), money(s.arpa), null),
    kpi('logo-churn', t('metrics.logoChurn'), percent(s.logoChurnPercent), average),
    kpi('nrr', t('metrics.nrr'), percent(s.nrrPercent), span),
    kpi('grr', t('metrics.grr'), percent(s.grrPercent), span),
    kpi('ltv-cac', t('metrics.ltvCac'), ratio(s.ltvToCac), t('metrics.ltvIs', { ltv: money(s.predictiveLtv), cac: money(s.cac) })),
  ];
}

function movementChart(chart, months) {
  if (!window.uPlot) return null;
  const xs = months.map((m) => Date.parse(`${m.month}-01T00:00:00Z`) / 1000);
  // Stacks are overlapping bars drawn outermost first: with the stack listed from its far end
  // towards zero, each bar reaches the sum of its own movement and those nearer zero. The legend
  // shows the movement itself.
  const stack = (list) =>
    list.map((_, i) => months.map((m) => list.slice(i).reduce((a, [k]) => a + Number(m[k]), 0) || null));
  const bars = window.uPlot.paths.bars({ size: [0.6, 60] });
  const series = [{}];
  const data = [xs];
  for (const list of [[...UP].reverse(), [...DOWN].reverse()]) {
    const sums = stack(list);
    list.forEach(([key, label, colour], i) => {
      const values = months.map((m) => Number(m[key]));
      series.push({ label: t(label), fill: colour, stroke: colour, paths: bars, fillTo: 0, points: { show: false },
        value: (u, v, si, idx) => (none(idx) ? '' : money(values[idx])) });
      data.push(sums[i]);
    });
  }
  series.push({ label: t('metrics.mrr'), stroke: '#1d2330', width: 2, scale: 'mrr', value: (u, v) => money(v) });
  data.push(months.map((m) => Number(m.mrr)));
  return new window.uPlot(
    {
      width: Math.max(chart.clientWidth - 16, 260),
      height: 320,
      tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, mrr: { auto: true } },
      series,
      axes: [{}, { label: t('metrics.movements') }, { side: 1, scale: 'mrr', label: t('metrics.mrr'), grid: { show: false } }],
    },
    data,
    chart,
  );
}

function monthTable(months) {
  return table(
    [t('metrics.month'), t('metrics.mrr'), t('metrics.arr'), t('metrics.customers'), t('metrics.new'), t('metrics.expansion'),
      t('metrics.reactivation'), t('metrics.contraction'), t('metrics.churn'), t('metrics.netNew'), t('metrics.logoChurn'),
      t('metrics.revenueChurn')],
    months.slice().reverse().map((m) =>
      h('tr', { 'data-month': m.month }, h('th', { scope: 'row', title: m.date }, m.month), num(money(m.mrr)), num(money(m.arr)),
        num(String(m.customers)), num(money(m.newMrr)), num(money(m.expansionMrr)), num(money(m.reactivationMrr)),
        num(money(m.contractionMrr)), num(money(m.churnMrr)), num(money(m.netNewMrr)), num(percent(m.logoChurnPercent)),
        num(percent(m.revenueChurnPercent)))),
  );
}

// ---- cohorts heatmap -----------------------------------------------------------------------

function cohorts(main, q) {
  const kind = h('select', { name: 'kind' },
    h('option', { value: 'logos' }, t('metrics.cohortLogos')), h('option', { value: 'revenue' }, t('metrics.cohortRevenue')));
  kind.value = q.get('kind') === 'revenue' ? 'revenue' : 'logos';
  const { form, asOf, from, to } = windowForm('#/metrics/cohorts', q, true, [[t('metrics.cohortKind'), kind]]);
  const out = h('div', { id: 'metrics-cohorts' }, h('p', {}, t('common.loading')));
  const stamp = h('div');
  main.replaceChildren(h('h1', {}, t('metrics.cohortsTitle')), form, stamp, out);
  (async () => {
    try {
      const r = await api('GET', `/api/v1/metrics/cohorts?${query(q, ['asOf', 'from', 'to'])}`);
      asOf.value = r.asOf;
      from.value = r.from;
      to.value = r.to;
      stamp.replaceChildren(asOfLine(r.asOf), h('p', { class: 'muted' }, t(kind.value === 'revenue' ? 'metrics.cohortRevenueHelp' : 'metrics.cohortLogosHelp')));
      out.replaceChildren(heatmap(r.rows, kind.value === 'revenue'));
    } catch (e) {
      out.replaceChildren(errorLine(e));
    }
  })();
}

function heatmap(rows, revenue) {
  const ages = rows.reduce((n, r) => Math.max(n, r.cells.length), 0);
  const heads = [t('metrics.cohort'), t('metrics.customers'), t('metrics.startMrr')];
  for (let a = 0; a < ages; a++) heads.push(t('metrics.age', { n: a }));
  const wrap = table(
    heads,
    rows.map((r) =>
      h('tr', { 'data-cohort': r.cohort }, h('th', { scope: 'row' }, r.cohort), num(String(r.customers)), num(money(r.startMrr)),
        ...Array.from({ length: ages }, (_, a) => {
          const c = r.cells[a];
          if (!c) return h('td', { class: 'heat empty' });
          const p = revenue ? c.mrrPercent : c.customersPercent;
          const shade = none(p) ? 0 : Math.min(Number(p), 100) / 100;
          const label = revenue ? `${money(c.mrr)} · ${c.month}` : `${c.customers} · ${c.month}`;
          if (none(p)) return h('td', { class: 'heat empty', 'data-age': String(a) }, '—');
          return h('td', { class: `heat${shade > 0.55 ? ' dark' : ''}`, title: label, 'data-age': String(a),
            style: `background: rgba(31, 95, 191, ${(0.06 + shade * 0.84).toFixed(3)})` }, percent(p));
        }))),
  );
  wrap.classList.add('metrics-heatmap');
  return wrap;
}

// ---- 收益度 --------------------------------------------------------------------------------

const PAGE = 100;

function yieldPage(main, q) {
  const { form, asOf } = windowForm('#/metrics/yield', q, false);
  const groups = h('div', { class: 'metrics-yield-groups', id: 'metrics-yield-groups' }, h('p', {}, t('common.loading')));
  const customers = h('div', { id: 'metrics-yield-customers' });
  const stamp = h('div');
  main.replaceChildren(h('h1', {}, t('metrics.yieldTitle')), h('p', { class: 'muted' }, t('metrics.yieldHelp')), form, stamp, groups,
    h('h2', {}, t('metrics.perCustomer')), customers);
  const offset = Math.max(0, Number.parseInt(q.get('offset') || '0', 10) || 0);
  (async () => {
    try {
      const base = query(q, ['asOf']);
      const [byChannel, byIndustry, byTier, page] = await Promise.all([
        api('GET', `/api/v1/metrics/yield/groups?groupBy=channel&${base}`),
        api('GET', `/api/v1/metrics/yield/groups?groupBy=industry&${base}`),
        api('GET', `/api/v1/metrics/yield/groups?groupBy=tier&${base}`),
        api('GET', `/api/v1/metrics/yield/customers?limit=${PAGE}&offset=${offset}&${base}`),
      ]);
      asOf.value = page.asOf;
      stamp.replaceChildren(asOfLine(page.asOf));
      groups.replaceChildren(
        groupTable('channel', t('metrics.byChannel'), byChannel.groups),
        groupTable('industry', t('metrics.byIndustry'), byIndustry.groups),
        groupTable('tier', t('metrics.byTier'), byTier.groups),
      );
      customers.replaceChildren(customerTable(page), pager(q, page));
    } catch (e) {
      groups.replaceChildren(errorLine(e));
    }
  })();
}

function groupTable(id, title, rows) {
  return h('section', { class: 'card', id: `yield-${id}` }, h('h2', {}, title),
    table([t('metrics.group'), t('metrics.customers'), t('metrics.lifetimeRevenue'), t('metrics.acquisitionCost'), t('metrics.ratio')],
      rows.map((g) => h('tr', { 'data-group': g.group }, h('th', { scope: 'row' }, g.group === 'unknown' ? t('metrics.unknown') : g.group),
        num(`${g.customers}`), num(money(g.lifetimeRevenue)), num(money(g.acquisitionCost)), num(ratio(g.ratio))))));
}

function customerTable(page) {
  return table(
    [t('metrics.customer'), t('metrics.channel'), t('metrics.industry'), t('metrics.tier'), t('metrics.acquiredOn'),
      t('metrics.status'), t('metrics.lifetimeRevenue'), t('metrics.acquisitionCost'), t('metrics.ratio')],
    page.customers.map((c) =>
      h('tr', { 'data-customer': String(c.customer) }, h('th', { scope: 'row' }, c.name), h('td', {}, c.channel || '—'),
        h('td', {}, c.industry || '—'), h('td', {}, c.tier || '—'), h('td', {}, c.acquiredOn || '—'),
        h('td', {}, t(c.active ? 'metrics.active' : 'metrics.churned')), num(money(c.lifetimeRevenue)),
        num(money(c.acquisitionCost)), num(ratio(c.ratio)))),
  );
}

function pager(q, page) {
  const link = (offset, key) => {
    const next = new URLSearchParams(q);
    next.set('offset', String(offset));
    return h('a', { href: `#/metrics/yield?${next}` }, t(key));
  };
  return h('p', { class: 'pager' },
    t('metrics.showing', { from: page.customers.length ? page.offset + 1 : 0, to: page.offset + page.customers.length, total: page.total }),
    ' ', page.offset > 0 ? link(Math.max(0, page.offset - PAGE), 'metrics.previous') : null,
    ' ', page.offset + page.customers.length < page.total ? link(page.offset + PAGE, 'metrics.next') : null);
}
