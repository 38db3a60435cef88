package dev.switchboard.ops.success;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** Steps of a customer's journey that another department's tables know (leads, deals, invoices). */
@FunctionalInterface
public interface JourneySource {

  List<JourneyEvent> events(Handle h, long tenantId);
}
