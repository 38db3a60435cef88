/**
 * The auto-attendant: tenants' menus answered inside the node, a key taking the caller to an
 * extension or ring group (bridged through the node), voicemail, another menu or dial-by-extension.
 */
package dev.switchboard.server.ivr;
