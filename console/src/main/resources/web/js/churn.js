// Churn model pages (risk list, model evaluation); app.js mounts ROUTES and shows NAV.

/** Links shown in the navigation: [hash, i18n key]. */
export const NAV = [];

/** [pattern, (match, main, me) => cleanup?] pairs for the hash router. */
export const ROUTES = [];
