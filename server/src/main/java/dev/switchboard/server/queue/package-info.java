/** Group call queues: callers answered by the server wait with hold music for a member. */
package dev.switchboard.server.queue;
