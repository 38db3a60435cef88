package dev.switchboard.ops.marketing;

class FunnelPostgresTest extends FunnelContract {
  @Override
  String kind() {
    return "postgresql";
  }
}
