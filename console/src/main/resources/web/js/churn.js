// Churn model pages: the early-warning list, the model's evaluation against the health score,
// churn reasons with their early signals, and bring-your-own-history evaluation.
import { api, enc } from './api.js';
import { h, table, field } from './dom.js';
import { t, formatTime } from './i18n.js';

/** Links shown in the navigation: [hash, i18n key]. */
export const NAV = [
  ['#/success/churn/risks', 'churn.nav.risks'],
  ['#/success/churn/model', 'churn.nav.model'],
  ['#/success/churn/reasons', 'churn.nav.reasons'],
];

const SIGNALS = ['registered_share', 'active_days', 'calls_per_seat', 'minutes_per_seat', 'features_used', 'console_logins', 'usage_index', 'health_score'];
const WINDOWS = ['trend_12w', 'trend_4w', '12w', '4w', 'drop'];
const SINGLE = ['seats_log', 'seat_change_12w', 'tenure_months', 'calls_vs_habit', 'channel', 'industry', 'size_band'];
const CODES = ['low_usage', 'price', 'moved_to_competitor', 'business_closed', 'key_contact_left', 'missing_feature', 'service_quality', 'other'];

/** A feature's name for people: known demo features are translated, imported columns shown as named. */
export function featureLabel(name) {
  if (SINGLE.includes(name)) return t(`churn.feature.${name}`);
  for (const s of SIGNALS) {
    if (name.startsWith(`${s}_`)) {
      const w = name.slice(s.length + 1);
      if (WINDOWS.includes(w)) return `${t(`churn.signal.${s}`)} · ${t(`churn.window.${w}`)}`;
    }
  }
  return name;
}

function reasonText(r) {
  return r.category ? `${featureLabel(r.feature)}: ${r.category}` : featureLabel(r.feature);
}

const pct = (x) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const num3 = (x) => (x === null || x === undefined ? '–' : x.toFixed(3));
const money = (x) => Number(x).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function errorLine(e) {
  return h('p', { class: 'error', role: 'alert' }, t('common.failed', { error: e.message }));
}

function modelLine(m) {
  if (!m) return h('p', { id: 'churn-model-line' }, t('churn.noModel'));
  return h(
    'p',
    { id: 'churn-model-line', class: 'churn-model-line' },
    t('churn.modelLine', {
      kind: t(`churn.model.${m.chosenKind}`),
      when: formatTime(m.trainedAt),
      points: m.decisionPoints,
      churned: m.churned,
    }),
    ' · ',
    t('churn.revenueBasis', { basis: m.revenueBasis }),
  );
}

function retrainButton(status, after) {
  const b = h('button', { type: 'button', id: 'churn-retrain', class: 'primary' }, t('churn.retrain'));
  b.addEventListener('click', async () => {
    b.disabled = true;
    status.textContent = t('churn.retraining');
    try {
      const m = await api('POST', '/api/v1/success/churn/retrain');
      status.textContent = t('churn.retrained', { kind: t(`churn.model.${m.chosenKind}`) });
      after();
    } catch (e) {
      status.textContent = t('common.failed', { error: e.message });
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

function risksPage(match, main) {
  const body = h('div', {});
  const status = h('p', { id: 'churn-status', role: 'status' });
  async function load() {
    try {
      const r = await api('GET', '/api/v1/success/churn/risks?limit=200');
      const rows = r.items.map((x) =>
        h(
          'tr',
          { 'data-domain': x.domain },
          h('td', {}, x.company, h('br', {}), h('small', { class: 'muted' }, x.domain)),
          h('td', { class: 'num churn-risk' }, h('span', { class: `churn-badge ${x.risk >= 0.5 ? 'high' : x.risk >= 0.25 ? 'mid' : 'low'}` }, pct(x.risk))),
          h('td', { class: 'num' }, money(x.monthlyRevenue)),
          h('td', { class: 'num churn-loss' }, money(x.expectedLoss)),
          h('td', {}, x.nextTermEnd),
          h('td', { class: 'churn-reasons' }, h('ul', {}, x.reasons.map((q) => h('li', {}, reasonText(q))))),
        ),
      );
      body.replaceChildren(
        modelLine(r.model),
        r.items.length
          ? h(
              'div',
              { id: 'churn-risks' },
              table([t('churn.customer'), t('churn.risk'), t('churn.monthlyRevenue'), t('churn.expectedLoss'), t('churn.nextTermEnd'), t('churn.topReasons')], rows),
            )
          : h('p', { class: 'muted' }, t('churn.noRisks')),
      );
    } catch (e) {
      body.replaceChildren(errorLine(e));
    }
  }
  main.replaceChildren(
    h('h1', {}, t('churn.risksTitle')),
    h('p', { class: 'muted' }, t('churn.risksIntro')),
    h('div', { class: 'churn-actions' }, retrainButton(status, load), status),
    body,
  );
  load();
}

function modelPage(match, main) {
  const body = h('div', {});
  let plot = null;
  function draw(chart, ev) {
    if (!window.uPlot) return;
    // x: bin index order by mean predicted; one series per model plus the diagonal.
    const series = ev.results.filter((r) => r.calibration.length);
    const xs = [...new Set(series.flatMap((r) => r.calibration.map((b) => +b.meanPredicted.toFixed(3))))].sort((a, b) => a - b);
    const data = [xs, xs.slice()];
    for (const r of series) {
      const byX = new Map(r.calibration.map((b) => [+b.meanPredicted.toFixed(3), b.observedRate]));
      data.push(xs.map((x) => (byX.has(x) ? byX.get(x) : null)));
    }
    const colours = ['#1f5fbf', '#c26a00'];
    plot = new window.uPlot(
      {
        width: Math.max(chart.clientWidth - 16, 280),
        height: 300,
        scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
        series: [
          { label: t('churn.predicted') },
          { label: t('churn.perfect'), stroke: '#999', dash: [4, 4], width: 1 },
          ...series.map((r, i) => ({ label: t(`churn.model.${r.model}`), stroke: colours[i % 2], width: 2, spanGaps: true, points: { size: 7 } })),
        ],
        axes: [{ label: t('churn.predicted') }, { label: t('churn.observed') }],
      },
      data,
      chart,
    );
  }
  async function load() {
    if (plot) {
      plot.destroy();
      plot = null;
    }
    try {
      const m = await api('GET', '/api/v1/success/churn/evaluation');
      const ev = m.evaluation;
      const chart = h('div', { id: 'churn-calibration', class: 'churn-chart' });
      body.replaceChildren(
        modelLine(m),
        h(
          'p',
          { id: 'churn-split' },
          t('churn.split', { cutoff: ev.cutoff, train: ev.trainPoints, trainChurned: ev.trainChurned, test: ev.testPoints, testChurned: ev.testChurned }),
        ),
        h(
          'div',
          { id: 'churn-scores' },
          table(
            [t('churn.modelCol'), t('churn.auc'), t('churn.precisionTop'), t('churn.brier'), t('churn.n')],
            ev.results.map((r) =>
              h(
                'tr',
                { 'data-model': r.model, class: r.model === ev.chosen ? 'chosen' : null },
                h('td', {}, t(`churn.model.${r.model}`), r.model === ev.chosen ? h('span', { class: 'churn-chosen' }, ` ${t('churn.chosen')}`) : null),
                h('td', { class: 'num churn-auc' }, num3(r.auc)),
                h('td', { class: 'num' }, pct(r.precisionAtTop10)),
                h('td', { class: 'num' }, num3(r.brier)),
                h('td', { class: 'num' }, `${r.n} / ${r.churned}`),
              ),
            ),
          ),
        ),
        h('p', { class: 'muted' }, t('churn.baselineNote')),
        h('h2', {}, t('churn.calibration')),
        chart,
        h('h2', {}, t('churn.coefficients')),
        table(
          [t('churn.featureCol'), t('churn.coefficient')],
          Object.entries(ev.coefficients).map(([k, v]) => h('tr', {}, h('td', {}, featureLabel(k.split('=')[0]) + (k.includes('=') ? `: ${k.split('=')[1]}` : '')), h('td', { class: 'num' }, v.toFixed(3)))),
        ),
      );
      draw(chart, ev);
    } catch (e) {
      body.replaceChildren(e.status === 404 ? h('p', { id: 'churn-model-line' }, t('churn.noModel')) : errorLine(e));
    }
  }
  const status = h('p', { id: 'churn-status', role: 'status' });
  main.replaceChildren(h('h1', {}, t('churn.modelTitle')), h('div', { class: 'churn-actions' }, retrainButton(status, load), status), body, ownHistoryForm());
  load();
  return () => {
    if (plot) plot.destroy();
  };
}

function ownHistoryForm() {
  const file = h('input', { type: 'file', name: 'csv', accept: '.csv,text/csv', required: true });
  const column = h('input', { type: 'text', name: 'churnColumn', required: true, value: 'churned' });
  const out = h('div', { id: 'churn-own-report' });
  const form = h(
    'form',
    { id: 'churn-own-history', class: 'card' },
    h('h2', {}, t('churn.ownTitle')),
    h('p', { class: 'muted' }, t('churn.ownIntro')),
    h('div', { class: 'fields' }, field(t('churn.ownFile'), file), field(t('churn.ownColumn'), column)),
    h('button', { type: 'submit' }, t('churn.ownRun')),
    out,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!file.files.length) return;
    out.replaceChildren(h('p', { role: 'status' }, t('churn.ownRunning')));
    try {
      const text = await file.files[0].text();
      const r = await api('POST', `/api/v1/success/churn/own-history?churnColumn=${enc(column.value)}`, text, 'text/csv');
      out.replaceChildren(
        h('p', { id: 'churn-own-summary' }, t('churn.ownSummary', { rows: r.rows, churned: r.churned, chosen: t(`churn.model.${r.chosen}`) })),
        table(
          [t('churn.modelCol'), t('churn.cvAuc'), t('churn.precisionTop'), t('churn.brier')],
          r.models.map((m) =>
            h('tr', { 'data-model': m.model }, h('td', {}, t(`churn.model.${m.model}`)), h('td', { class: 'num' }, `${m.meanAuc.toFixed(3)} ± ${m.sdAuc.toFixed(3)}`), h('td', { class: 'num' }, pct(m.pooled.precisionAtTop10)), h('td', { class: 'num' }, num3(m.pooled.brier))),
          ),
        ),
        table(
          [t('churn.column'), t('churn.kind')],
          r.columns.map((c) => h('tr', {}, h('td', {}, c.name), h('td', {}, t(`churn.columnKind.${c.kind}`)))),
        ),
      );
    } catch (e) {
      out.replaceChildren(errorLine(e));
    }
  });
  return form;
}

function reasonsPage(match, main) {
  const list = h('div', {});
  const detail = h('div', { id: 'churn-reason-detail' });
  async function load() {
    try {
      const rs = await api('GET', '/api/v1/success/churn/reasons');
      list.replaceChildren(
        rs.length
          ? h(
              'div',
              { id: 'churn-reasons' },
              table(
                [t('churn.customer'), t('churn.churnedOn'), t('churn.reason'), t('churn.note'), ''],
                rs.map((r) =>
                  h(
                    'tr',
                    { 'data-id': String(r.id) },
                    h('td', {}, r.company),
                    h('td', {}, r.churnedOn),
                    h('td', {}, t(`churn.code.${r.reason}`)),
                    h('td', {}, r.note || ''),
                    h('td', {}, h('button', { type: 'button', 'data-action': 'signals', onclick: () => showSignals(r.id) }, t('churn.signals'))),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, t('churn.noReasons')),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  async function showSignals(id) {
    try {
      const d = await api('GET', `/api/v1/success/churn/reasons/${id}`);
      detail.replaceChildren(
        h('h2', {}, t('churn.signalsTitle', { company: d.reason.company, date: d.reason.churnedOn })),
        table(
          [t('churn.signal'), t('churn.before'), t('churn.last12w'), t('churn.change')],
          d.signals.map((s) =>
            h('tr', { 'data-signal': s.signal }, h('td', {}, t(`churn.signal.${s.signal}`)), h('td', { class: 'num' }, num3(s.before)), h('td', { class: 'num' }, num3(s.last12w)), h('td', { class: `num ${s.change !== null && s.change < 0 ? 'down' : ''}` }, pct(s.change))),
          ),
        ),
      );
    } catch (e) {
      detail.replaceChildren(errorLine(e));
    }
  }
  const domain = h('input', { type: 'text', name: 'domain', required: true });
  const on = h('input', { type: 'date', name: 'churnedOn', required: true });
  const code = h('select', { name: 'reason' }, CODES.map((c) => h('option', { value: c }, t(`churn.code.${c}`))));
  const note = h('input', { type: 'text', name: 'note', maxlength: '2000' });
  const msg = h('p', { role: 'status', id: 'churn-reason-status' });
  const form = h(
    'form',
    { id: 'churn-new-reason', class: 'card' },
    h('h2', {}, t('churn.newReason')),
    h('div', { class: 'fields' }, field(t('churn.domain'), domain), field(t('churn.churnedOn'), on), field(t('churn.reason'), code), field(t('churn.note'), note)),
    h('button', { type: 'submit', class: 'primary' }, t('churn.record')),
    msg,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/api/v1/success/churn/reasons', { domain: domain.value, churnedOn: on.value, reason: code.value, note: note.value || null });
      msg.textContent = t('churn.recorded');
      form.reset();
      load();
    } catch (e) {
      msg.textContent = t('common.failed', { error: e.message });
    }
  });
  main.replaceChildren(h('h1', {}, t('churn.reasonsTitle')), form, list, detail);
  load();
}

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [
  [/^#\/success\/churn(\/risks)?$/, risksPage],
  [/^#\/success\/churn\/model$/, modelPage],
  [/^#\/success\/churn\/reasons$/, reasonsPage],
];

