/** The demo's made-up business history, one story every department seeds its tables from. */
package dev.switchboard.demo;
