// The billing department's pages: customers and one customer's billing, invoices and one invoice,
// and the renewal calendar. Amounts come from the API as decimal strings and are shown as they are
// (grouped for reading), never recomputed here.
import { api, enc, ApiError } from './api.js';
import { h, field, table } from './dom.js';
import { t } from './i18n.js';

/** Links shown in the navigation for this department: [hash, i18n key]. */
export const NAV = [
  ['#/billing', 'billing.nav.customers'],
  ['#/billing/invoices', 'billing.nav.invoices'],
  ['#/billing/renewals', 'billing.nav.renewals'],
];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [
  [/^#\/billing$/, (m, main) => customers(main)],
  [/^#\/billing\/customers\/([^/]+)$/, (m, main, me) => customer(main, me, decodeURIComponent(m[1]))],
  [/^#\/billing\/invoices$/, (m, main) => invoices(main)],
  [/^#\/billing\/invoices\/([^/]+)$/, (m, main, me) => invoice(main, me, decodeURIComponent(m[1]))],
  [/^#\/billing\/renewals$/, (m, main) => renewals(main)],
];

const BASE = '/api/v1/billing';
const INVOICE_STATUSES = ['issued', 'partially_paid', 'paid', 'overdue', 'void'];
const PAGE = 50;

/** "8000.00" → "8,000.00": grouped for reading; the digits are the API's, exactly. */
export function money(s) {
  if (s === null || s === undefined) return '';
  const negative = s.startsWith('-');
  const [whole, cents] = (negative ? s.slice(1) : s).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${cents || '00'}`;
}

function problem(e) {
  if (e instanceof ApiError && e.status === 404) return t('common.notFoundData');
  if (e instanceof ApiError && e.status === 403) return t('common.forbidden');
  return t('common.failed', { error: e.message });
}

function errorLine(e) {
  return h('p', { class: 'error', role: 'alert' }, problem(e));
}

function statusCell(kind, status) {
  return h('span', { class: `billing-status billing-${kind}-${status}` }, t(`billing.${kind}.${status}`));
}

function invoiceLink(number) {
  return h('a', { href: `#/billing/invoices/${enc(number)}` }, number);
}

function customerLink(domain) {
  return h('a', { href: `#/billing/customers/${enc(domain)}` }, domain);
}

function kv(pairs) {
  return h(
    'dl',
    { class: 'billing-kv' },
    pairs.flatMap(([k, v, id]) => [h('dt', {}, k), h('dd', id ? { 'data-field': id } : {}, v)]),
  );
}

// ---- customers -----------------------------------------------------------------------------

function customers(main) {
  const q = h('input', { name: 'q', type: 'search', placeholder: t('billing.customers.search') });
  const list = h('div', { id: 'billing-customers' }, h('p', {}, t('common.loading')));
  const form = h('form', { class: 'fields billing-filters' }, field(t('billing.customers.search'), q),
    h('button', { type: 'submit' }, t('billing.filter')));
  main.replaceChildren(h('h1', {}, t('billing.customers.title')), form, list);
  async function load() {
    try {
      const rows = await api('GET', `${BASE}/customers${q.value ? `?q=${enc(q.value)}` : ''}`);
      const mrr = rows.reduce((sum, r) => sum + Math.round(Number(r.mrr) * 100), 0);
      list.replaceChildren(
        h('p', { class: 'muted', id: 'billing-customers-summary' },
          t('billing.customers.summary', { count: rows.length, mrr: money((mrr / 100).toFixed(2)) })),
        rows.length === 0
          ? h('p', { class: 'muted' }, t('billing.customers.none'))
          : table(
              [t('billing.domain'), t('billing.company'), t('billing.plan'), t('billing.seats'), t('billing.status'),
                t('billing.termEnd'), t('billing.mrr'), t('billing.outstanding'), t('billing.overdue')],
              rows.map((r) =>
                h('tr', { 'data-domain': r.domain },
                  h('td', {}, customerLink(r.domain)),
                  h('td', {}, r.company),
                  h('td', {}, r.planCode),
                  h('td', { class: 'num' }, String(r.seats)),
                  h('td', {}, statusCell('subscription', r.status)),
                  h('td', {}, r.termEnd),
                  h('td', { class: 'num' }, money(r.mrr)),
                  h('td', { class: 'num' }, money(r.outstanding)),
                  h('td', { class: `num${r.overdue !== '0.00' ? ' billing-bad' : ''}` }, money(r.overdue)))),
            ),
      );
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  load();
}

// ---- one customer --------------------------------------------------------------------------

function customer(main, me, domain) {
  const body = h('div', { id: 'billing-customer' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  main.replaceChildren(h('h1', {}, t('billing.customer.title', { domain })), message, body);
  async function load() {
    try {
      const a = await api('GET', `${BASE}/customers/${enc(domain)}`);
      const s = a.subscription;
      const b = a.balance;
      body.replaceChildren(
        h('div', { class: 'billing-cards' },
          h('section', { class: 'card', id: 'billing-subscription' },
            h('h2', {}, t('billing.subscription')),
            kv([
              [t('billing.plan'), s.planCode, 'plan'],
              [t('billing.phase'), t(`billing.phase.${s.phase}`), 'phase'],
              [t('billing.seats'), String(s.seats), 'seats'],
              [t('billing.status'), statusCell('subscription', s.status), 'status'],
              [t('billing.startsOn'), s.startsOn, 'startsOn'],
              [t('billing.term'), `${s.termStart} – ${s.termEnd}`, 'term'],
              [t('billing.autoRenew'), t(s.autoRenew ? 'billing.yes' : 'billing.no'), 'autoRenew'],
              [t('billing.mrr'), `${money(s.mrr)} ${s.currency}`, 'mrr'],
              [t('billing.nextAnnualFee'), `${money(s.nextAnnualFee)} ${s.currency}`, 'nextAnnualFee'],
            ])),
          h('section', { class: 'card', id: 'billing-balance' },
            h('h2', {}, t('billing.balance', { date: b.asOf })),
            kv([
              [t('billing.invoiced'), money(b.invoiced), 'invoiced'],
              [t('billing.credited'), money(b.credited), 'credited'],
              [t('billing.paid'), money(b.paid), 'paid'],
              [t('billing.refunded'), money(b.refunded), 'refunded'],
              [t('billing.outstanding'), money(b.outstanding), 'outstanding'],
              [t('billing.overdue'), money(b.overdue), 'overdue'],
            ]))),
        actions(s, message, load),
        h('h2', {}, t('billing.invoices')),
        invoiceTable(a.invoices, false),
        h('h2', {}, t('billing.history')),
        table(
          [t('billing.event'), t('billing.effectiveOn'), t('billing.seats'), t('billing.phase'), t('billing.term'), t('billing.annualRecurring')],
          a.history.map((e) =>
            h('tr', { class: e.revokedOn ? 'muted' : '' },
              h('td', {}, t(`billing.event.${e.kind}`)),
              h('td', {}, e.effectiveOn),
              h('td', { class: 'num' }, String(e.seats)),
              h('td', {}, t(`billing.phase.${e.phase}`)),
              h('td', {}, `${e.termStart} – ${e.termEnd}`),
              h('td', { class: 'num' }, money(e.annualRecurring)))),
        ),
      );
    } catch (e) {
      body.replaceChildren(errorLine(e));
    }
  }
  load();
}

function actions(s, message, reload) {
  const seats = h('input', { name: 'seats', type: 'number', min: 1, value: String(s.seats) });
  const on = h('input', { name: 'effectiveOn', type: 'date' });
  const error = h('p', { class: 'error', role: 'alert' });
  async function run(path, payload, done) {
    error.textContent = '';
    try {
      const c = await api('POST', `${BASE}/customers/${enc(s.domain)}/subscription/${path}`, payload);
      message.textContent = c.invoice
        ? t('billing.done.invoice', { number: c.invoice.number, total: money(c.invoice.total) })
        : t(done);
      reload();
    } catch (e) {
      error.textContent = problem(e);
    }
  }
  const form = h('form', { class: 'card', id: 'billing-actions' },
    h('h2', {}, t('billing.change')),
    h('div', { class: 'fields' },
      field(t('billing.seats'), seats),
      field(t('billing.effectiveOn'), on),
      h('button', { type: 'submit', class: 'primary' }, t('billing.changeSeats')),
      s.status === 'active'
        ? h('button', { type: 'button', 'data-action': 'cancel', onclick: () => run('cancel', { immediately: false }, 'billing.done.cancelled') }, t('billing.cancelAtTermEnd'))
        : h('button', { type: 'button', 'data-action': 'reactivate', onclick: () => run('reactivate', on.value ? { effectiveOn: on.value } : {}, 'billing.done.reactivated') }, t('billing.reactivate')),
      s.status === 'active'
        ? h('button', { type: 'button', 'data-action': 'renew', onclick: () => run('renew', {}, 'billing.done.renewed') }, t('billing.renew'))
        : null),
    error);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const payload = { seats: Number(seats.value) };
    if (on.value) payload.effectiveOn = on.value;
    run('seats', payload, 'billing.done.seats');
  });
  return form;
}

function invoiceTable(rows, withCustomer) {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('billing.invoices.none'));
  return table(
    [t('billing.number'), ...(withCustomer ? [t('billing.domain')] : []), t('billing.issuedOn'), t('billing.dueOn'),
      t('billing.total'), t('billing.paidNet'), t('billing.outstanding'), t('billing.status')],
    rows.map((i) =>
      h('tr', { 'data-number': i.number },
        h('td', {}, invoiceLink(i.number)),
        ...(withCustomer ? [h('td', {}, customerLink(i.domain))] : []),
        h('td', {}, i.issuedOn),
        h('td', {}, i.dueOn),
        h('td', { class: 'num' }, `${money(i.total)} ${i.currency}`),
        h('td', { class: 'num' }, money((Number(i.paid) - Number(i.refunded)).toFixed(2))),
        h('td', { class: 'num' }, money(i.outstanding)),
        h('td', {}, statusCell('invoice', i.status)))),
  );
}

// ---- invoices ------------------------------------------------------------------------------

function invoices(main) {
  const status = h('select', { name: 'status' }, h('option', { value: '' }, t('billing.any')),
    INVOICE_STATUSES.map((s) => h('option', { value: s }, t(`billing.invoice.${s}`))));
  const domain = h('input', { name: 'domain', placeholder: 'acme.example' });
  const from = h('input', { name: 'from', type: 'date' });
  const to = h('input', { name: 'to', type: 'date' });
  const list = h('div', { id: 'billing-invoices' }, h('p', {}, t('common.loading')));
  const exportLink = h('a', { id: 'billing-export', download: 'invoices.csv' }, t('billing.export'));
  const form = h('form', { class: 'fields billing-filters' },
    field(t('billing.status'), status), field(t('billing.domain'), domain),
    field(t('billing.issuedFrom'), from), field(t('billing.issuedTo'), to),
    h('button', { type: 'submit' }, t('billing.filter')), exportLink);
  main.replaceChildren(h('h1', {}, t('billing.invoices')), form, list);
  let offset = 0;
  function query() {
    const p = new URLSearchParams();
    if (status.value) p.set('status', status.value);
    if (domain.value) p.set('domain', domain.value);
    if (from.value) p.set('from', from.value);
    if (to.value) p.set('to', to.value);
    return p;
  }
  async function load() {
    const p = query();
    exportLink.href = `${BASE}/invoices.csv?${p}&limit=500`;
    p.set('offset', String(offset));
    p.set('limit', String(PAGE));
    try {
      const page = await api('GET', `${BASE}/invoices?${p}`);
      const nav = h('div', { class: 'actions' },
        offset > 0 ? h('button', { type: 'button', onclick: () => { offset -= PAGE; load(); } }, t('common.previous')) : null,
        offset + PAGE < page.total ? h('button', { type: 'button', onclick: () => { offset += PAGE; load(); } }, t('common.next')) : null);
      list.replaceChildren(
        h('p', { class: 'muted', id: 'billing-invoices-summary' },
          t('billing.invoices.summary', { from: page.total === 0 ? 0 : offset + 1, to: offset + page.items.length, total: page.total })),
        invoiceTable(page.items, true),
        nav);
    } catch (e) {
      list.replaceChildren(errorLine(e));
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    offset = 0;
    load();
  });
  load();
}

function invoice(main, me, number) {
  const body = h('div', { id: 'billing-invoice' }, h('p', {}, t('common.loading')));
  const message = h('p', { role: 'status', class: 'ok' });
  main.replaceChildren(h('h1', {}, t('billing.invoice.title', { number })), message, body);
  async function load() {
    try {
      const d = await api('GET', `${BASE}/invoices/${enc(number)}`);
      const i = d.invoice;
      body.replaceChildren(
        h('section', { class: 'card' },
          kv([
            [t('billing.domain'), customerLink(i.domain), 'domain'],
            [t('billing.issuedOn'), i.issuedOn, 'issuedOn'],
            [t('billing.dueOn'), i.dueOn, 'dueOn'],
            [t('billing.total'), `${money(i.total)} ${i.currency}`, 'total'],
            [t('billing.credited'), money(i.credited), 'credited'],
            [t('billing.paid'), money(i.paid), 'paid'],
            [t('billing.refunded'), money(i.refunded), 'refunded'],
            [t('billing.outstanding'), money(i.outstanding), 'outstanding'],
            [t('billing.status'), statusCell('invoice', i.status), 'status'],
          ])),
        h('h2', {}, t('billing.lines')),
        table(
          [t('billing.phase'), t('billing.description'), t('billing.period'), t('billing.seats'), t('billing.unitPrice'), t('billing.amount')],
          i.lines.map((l) =>
            h('tr', {},
              h('td', {}, t(`billing.phase.${l.phase}`)),
              h('td', {}, l.description, l.recurring ? h('span', { class: 'muted' }, ` · ${t('billing.recurring')}`) : null),
              h('td', {}, `${l.periodFrom} – ${l.periodTo}`),
              h('td', { class: 'num' }, String(l.seats)),
              h('td', { class: 'num' }, money(l.unitPrice)),
              h('td', { class: 'num' }, money(l.amount))))),
        h('h2', {}, t('billing.payments')),
        d.payments.length === 0
          ? h('p', { class: 'muted' }, t('billing.payments.none'))
          : table([t('billing.paidOn'), t('billing.amount'), t('billing.refunded'), t('billing.method'), t('billing.reference')],
              d.payments.map((p) => h('tr', {}, h('td', {}, p.paidOn), h('td', { class: 'num' }, money(p.amount)),
                h('td', { class: 'num' }, money(p.refunded)), h('td', {}, p.method), h('td', {}, p.reference || '')))),
        d.creditNotes.length === 0 ? null : h('h2', {}, t('billing.creditNotes')),
        d.creditNotes.length === 0 ? null
          : table([t('billing.number'), t('billing.issuedOn'), t('billing.amount'), t('billing.reason')],
              d.creditNotes.map((c) => h('tr', {}, h('td', {}, c.number), h('td', {}, c.issuedOn), h('td', { class: 'num' }, money(c.amount)), h('td', {}, c.reason)))),
        d.refunds.length === 0 ? null : h('h2', {}, t('billing.refunds')),
        d.refunds.length === 0 ? null
          : table([t('billing.refundedOn'), t('billing.amount'), t('billing.reason')],
              d.refunds.map((r) => h('tr', {}, h('td', {}, r.refundedOn), h('td', { class: 'num' }, money(r.amount)), h('td', {}, r.reason)))),
        i.outstanding !== '0.00' ? paymentForm(i, message, load) : null,
      );
    } catch (e) {
      body.replaceChildren(errorLine(e));
    }
  }
  load();
}

function paymentForm(i, message, reload) {
  const amount = h('input', { name: 'amount', inputmode: 'decimal', value: i.outstanding, required: true });
  const paidOn = h('input', { name: 'paidOn', type: 'date' });
  const reference = h('input', { name: 'reference', maxlength: 100 });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card', id: 'billing-pay' },
    h('h2', {}, t('billing.recordPayment')),
    h('div', { class: 'fields' }, field(t('billing.amount'), amount), field(t('billing.paidOn'), paidOn),
      field(t('billing.reference'), reference), h('button', { type: 'submit', class: 'primary' }, t('billing.recordPayment'))),
    error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const payload = { amount: amount.value.trim() };
    if (paidOn.value) payload.paidOn = paidOn.value;
    if (reference.value) payload.reference = reference.value;
    try {
      const p = await api('POST', `${BASE}/invoices/${enc(i.number)}/payments`, payload);
      message.textContent = t('billing.done.paid', { amount: money(p.amount), number: i.number });
      reload();
    } catch (e) {
      error.textContent = problem(e);
    }
  });
  return form;
}

// ---- renewal calendar ----------------------------------------------------------------------

function renewals(main) {
  const grid = h('div', { id: 'billing-renewals', class: 'billing-calendar' }, h('p', {}, t('common.loading')));
  main.replaceChildren(h('h1', {}, t('billing.renewals.title')), h('p', { class: 'muted' }, t('billing.renewals.explain')), grid);
  (async () => {
    try {
      const months = await api('GET', `${BASE}/renewals?months=12`);
      grid.replaceChildren(
        ...months.map((m) =>
          h('section', { class: 'card billing-month', 'data-month': m.month },
            h('h2', {}, m.month),
            h('p', { class: 'billing-month-figures' },
              t('billing.renewals.month', { count: m.count, fees: money(m.annualFees) })),
            h('ul', {}, m.items.map((x) =>
              h('li', { class: x.autoRenew ? '' : 'muted' }, customerLink(x.domain), ` ${x.termEnd} · ${x.seats} × ${x.planCode} · `,
                statusCell('subscription', x.status)))))),
      );
    } catch (e) {
      grid.replaceChildren(errorLine(e));
    }
  })();
}
