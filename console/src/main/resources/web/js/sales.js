// The sales department's pages; app.js mounts ROUTES and shows NAV under the department heading.
import { h } from './dom.js';
import { t } from './i18n.js';

/** Links shown in the navigation for this department: [hash, i18n key]. */
export const NAV = [['#/sales', 'dept.sales']];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [[/^#\/sales$/, (m, main) => overview(main)]];

function overview(main) {
  main.replaceChildren(h('h1', {}, t('dept.sales')), h('p', { class: 'muted' }, t('dept.sales.coming')));
}
