package dev.switchboard.ops.marketing;

class FunnelH2Test extends FunnelContract {
  @Override
  String kind() {
    return "h2";
  }
}
