package dev.switchboard.bench.sigcomp;

import dev.switchboard.sip.sigcomp.CallFlow;
import dev.switchboard.sip.sigcomp.CompartmentId;
import dev.switchboard.sip.sigcomp.Compression;
import dev.switchboard.sip.sigcomp.DecompressedMessage;
import dev.switchboard.sip.sigcomp.Decompression;
import dev.switchboard.sip.sigcomp.SigCompConfig;
import dev.switchboard.sip.sigcomp.SigCompEndpoint;
import dev.switchboard.sip.sigcomp.SigCompParameters;
import java.net.InetAddress;
import java.util.Arrays;

/** A phone and the server, each a SigComp endpoint, trading the messages of a call. */
final class Link {
  static final CompartmentId SERVER =
      CompartmentId.ofUrn("urn:uuid:0c67446e-f1a1-11d9-94d3-000a95a0e128");
  static final CompartmentId PHONE =
      CompartmentId.ofUrn("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");

  /** A phone as 3GPP TS 24.229 §8.1.1 asks: RFC 5049's 8 KB DMS, but at least 4 KB of state. */
  static final SigCompParameters PHONE_PARAMETERS = new SigCompParameters(16, 8192, 4096, 2);

  final SigCompEndpoint phone;
  final SigCompEndpoint server;

  Link(boolean shared) {
    phone =
        new SigCompEndpoint(
            SigCompConfig.defaults().withLocal(PHONE_PARAMETERS).withSharedCompression(shared));
    server = new SigCompEndpoint(SigCompConfig.defaults().withSharedCompression(shared));
  }

  /** Sends one message across; the receiver vouches for it. Returns the SigComp message. */
  byte[] send(CallFlow.Message m) {
    SigCompEndpoint from = m.fromPhone() ? phone : server;
    SigCompEndpoint to = m.fromPhone() ? server : phone;
    Compression c = from.compress(m.bytes(), m.fromPhone() ? SERVER : PHONE, false);
    if (!(c instanceof Compression.Compressed cc)) {
      throw new IllegalStateException(m.name() + ": " + c);
    }
    Decompression d = to.decompress(cc.message(), InetAddress.getLoopbackAddress(), false);
    if (!(d instanceof DecompressedMessage dm) || !Arrays.equals(dm.message(), m.bytes())) {
      throw new IllegalStateException(m.name() + " did not come back: " + d);
    }
    dm.commit(m.fromPhone() ? PHONE : SERVER);
    return cc.message();
  }
}
