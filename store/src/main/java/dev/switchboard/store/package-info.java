/** System of record: database bootstrap, migrations, tenants and accounts. */
package dev.switchboard.store;
