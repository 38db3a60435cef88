package dev.switchboard.server.location;

import dev.switchboard.server.usage.RegistrationEvent;

/** One binding added, refreshed, removed or expired by an update, as reported to usage. */
public record BindingChange(RegistrationEvent.Kind kind, Binding binding) {}
