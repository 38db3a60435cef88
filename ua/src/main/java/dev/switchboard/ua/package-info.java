/**
 * The SIP user agent core on the {@code sip} stack and the {@code media} module: dialogs (RFC 3261
 * §12), INVITE sessions with offer/answer (RFC 3264), hold and resume by re-INVITE or UPDATE,
 * session timers (RFC 4028), digest retries, registration with refresh, RFC 4733 and SIP INFO keys.
 * The server's media services answer calls with it; {@link dev.switchboard.ua.Softphone} runs it on
 * a transport of its own for {@code switchboard call}.
 */
package dev.switchboard.ua;
