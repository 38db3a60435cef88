/**
 * SIP digest authentication (RFC 3261 §22, RFC 7616, RFC 8760) over stored HA1 values.
 *
 * <p>Server: a registrar or proxy calls {@link
 * dev.switchboard.sip.auth.DigestAuthenticator#authenticate} with the tenant's realm, {@link
 * dev.switchboard.sip.auth.ChallengeKind#WWW} (401) or {@link
 * dev.switchboard.sip.auth.ChallengeKind#PROXY} (407) and a {@link
 * dev.switchboard.sip.auth.CredentialLookup}, and sends the challenge or 400 it gets back, or goes
 * on with the authenticated user name. Nonces are stateless (HMAC with a shared secret), nonce
 * counts are remembered per nonce for replay protection.
 *
 * <p>Client: {@link dev.switchboard.sip.auth.DigestClient} answers a 401/407. Provisioning: {@link
 * dev.switchboard.sip.auth.Ha1} computes what to store.
 */
package dev.switchboard.sip.auth;
