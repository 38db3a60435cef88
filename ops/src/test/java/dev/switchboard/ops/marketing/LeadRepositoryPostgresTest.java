package dev.switchboard.ops.marketing;

class LeadRepositoryPostgresTest extends LeadRepositoryContract {
  @Override
  String kind() {
    return "postgresql";
  }
}
