/** Music on hold for calls the proxy relays: the held party hears the tenant's hold music. */
package dev.switchboard.server.hold;
