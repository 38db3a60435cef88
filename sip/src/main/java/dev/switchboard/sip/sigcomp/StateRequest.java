package dev.switchboard.sip.sigcomp;

/**
 * A state creation or state free request a decompressed message hands to the state handler (RFC
 * 3320 §9.4.9), kept in the order the bytecode made them.
 */
sealed interface StateRequest {

  /** Save {@code item} in the compartment with this retention priority. */
  record Create(StateItem item, int priority) implements StateRequest {}

  /** Free the compartment's one state whose identifier starts with {@code partialId}. */
  record Free(byte[] partialId) implements StateRequest {}
}
