/** Conference rooms: callers to a tenant's room number, mixed by the media module's mixer. */
package dev.switchboard.server.conference;
