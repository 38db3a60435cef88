// SaaS metrics pages (MRR/ARR movements, cohorts, 收益度); app.js mounts ROUTES and shows NAV.

/** Links shown in the navigation: [hash, i18n key]. */
export const NAV = [];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [];
