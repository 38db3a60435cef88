/**
 * What the node's own media services (auto-attendant, conference rooms) share: a user agent inside
 * the node with its RTP ports and media clock, and the dispatch of calls and in-dialog requests to
 * the service that owns them.
 */
package dev.switchboard.server.services;
