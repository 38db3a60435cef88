/**
 * What the SIP side leaves behind for the rest of the product: call detail records, registration
 * events, and a read-only view of the registrar's bindings.
 */
package dev.switchboard.store.usage;
