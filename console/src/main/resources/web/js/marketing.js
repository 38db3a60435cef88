// The marketing department's pages; app.js mounts ROUTES and shows NAV under the departments.
import { h } from './dom.js';
import { t } from './i18n.js';

/** Links shown in the navigation: [hash, i18n key]. */
export const NAV = [['#/marketing', 'dept.marketing']];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [[/^#\/marketing$/, (m, main) => overview(main)]];

function overview(main) {
  main.replaceChildren(h('h1', {}, t('dept.marketing')), h('p', { class: 'muted' }, t('dept.marketing.coming')));
}
