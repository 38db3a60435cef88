package dev.switchboard.sip.sigcomp;

import java.util.List;

/**
 * What one run of the UDVM produced: the decompressed message, the state requests and feedback it
 * passes to the state handler once the application names a compartment, and the cycles it used.
 *
 * @param requestedFeedback null when END-MESSAGE gave no requested feedback location
 * @param returnedParameters null when END-MESSAGE gave no returned parameters location
 */
record UdvmResult(
    byte[] output,
    List<StateRequest> stateRequests,
    RequestedFeedback requestedFeedback,
    ReturnedParameters returnedParameters,
    long cyclesUsed) {}
