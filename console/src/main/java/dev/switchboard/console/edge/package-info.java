/**
 * The HTTP edge in front of every route: body limits before authentication, the response headers of
 * the API, JSON errors for what Jetty refuses before a route runs, and which proxies may say what
 * the client's scheme and address were.
 */
package dev.switchboard.console.edge;
