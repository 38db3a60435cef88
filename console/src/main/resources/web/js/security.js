// The SIP edge's Security page (admins only): who is blocked and why, lifting a block, and what
// the edge did lately.
import { api, enc } from './api.js';
import { h, table } from './dom.js';
import { t, formatTime } from './i18n.js';

const KINDS = ['flood-blocked', 'scanner-blocked', 'auth-pair-blocked', 'auth-source-blocked', 'unblocked', 'overload-started', 'overload-ended'];

function kind(k) {
  return KINDS.includes(k) ? t(`security.kind.${k}`) : k;
}

export function page(main) {
  const message = h('p', { role: 'status', class: 'ok' });
  const counters = h('div', { id: 'security-counters', class: 'tiles' });
  const blocks = h('div', { id: 'security-blocks' }, h('p', {}, t('common.loading')));
  const events = h('div', { id: 'security-events' }, h('p', {}, t('common.loading')));
  main.replaceChildren(
    h('h1', {}, t('security.title')),
    h('p', { class: 'muted' }, t('security.intro')),
    message,
    counters,
    h('h2', {}, t('security.blocks')),
    blocks,
    h('h2', {}, t('security.events')),
    events,
  );

  async function load() {
    try {
      const [b, e, c] = await Promise.all([
        api('GET', '/api/v1/security/blocks'),
        api('GET', '/api/v1/security/events?limit=200'),
        api('GET', '/api/v1/security/counters'),
      ]);
      counters.replaceChildren(
        ...['auth_failures', 'active_blocks', 'stateless_401', 'stateless_407', 'overload_503'].map((name) =>
          h('div', { class: 'tile' }, h('span', { class: 'label' }, t(`security.counter.${name}`)), h('strong', {}, String(c[name] || 0)))),
      );
      blocks.replaceChildren(
        b.items.length === 0
          ? h('p', { class: 'muted' }, t('security.noBlocks'))
          : table(
            [t('security.source'), t('security.account'), t('security.kind'), t('security.reason'), t('security.until'), t('security.strikes'), t('common.actions')],
            b.items.map((x) => h('tr', { 'data-block': x.id },
              h('td', {}, x.source), h('td', {}, x.subject || t('security.anyAccount')), h('td', {}, kind(x.kind)),
              h('td', {}, x.reason), h('td', {}, formatTime(x.until)), h('td', {}, String(x.strikes)),
              h('td', {}, h('button', { type: 'button', onclick: () => lift(x) }, t('security.lift'))))),
          ),
      );
      events.replaceChildren(
        e.items.length === 0
          ? h('p', { class: 'muted' }, t('security.noEvents'))
          : table(
            [t('security.when'), t('security.kind'), t('security.source'), t('security.account'), t('security.detail')],
            e.items.map((x) => h('tr', {},
              h('td', {}, formatTime(x.at)), h('td', {}, kind(x.kind)), h('td', {}, x.source || ''),
              h('td', {}, x.subject || ''), h('td', {}, x.detail))),
          ),
      );
    } catch (err) {
      blocks.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('common.failed', { error: err.message })));
    }
  }

  async function lift(block) {
    if (!window.confirm(t('security.confirmLift', { source: block.source }))) return;
    try {
      await api('DELETE', `/api/v1/security/blocks/${enc(block.id)}`);
      message.textContent = t('security.lifted', { source: block.source });
      message.scrollIntoView({ block: 'nearest' });
      load();
    } catch (err) {
      message.textContent = t('common.failed', { error: err.message });
    }
  }

  load();
}
