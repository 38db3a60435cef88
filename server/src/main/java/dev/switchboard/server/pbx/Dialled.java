package dev.switchboard.server.pbx;

import dev.switchboard.store.pbx.Feature;
import dev.switchboard.store.pbx.RingGroup;

/** What a dialled user part means in a tenant's dial plan. */
sealed interface Dialled {

  /** An emergency number: routed first, for anyone of the tenant, whatever their account. */
  record Emergency(String number) implements Dialled {}

  /** A feature code, with the number dialled after it for the codes that take one. */
  record FeatureCode(Feature feature, String argument) implements Dialled {}

  record Extension(String user) implements Dialled {}

  record Group(RingGroup group) implements Dialled {}

  /** A number outside the tenant, in E.164 form ({@code +8613800000000}). */
  record Outside(String e164) implements Dialled {}

  /** Nothing this tenant knows. */
  record Unknown(String reason) implements Dialled {}
}
