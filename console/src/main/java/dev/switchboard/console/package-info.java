/** HTTP API and web console. */
package dev.switchboard.console;
