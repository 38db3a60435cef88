/**
 * What the server's own media services answer besides voicemail: auto-attendant menus and
 * conference rooms, kept as small files under the data directory, one per number.
 */
package dev.switchboard.store.media;
