package dev.switchboard.ops.marketing;

class LeadRepositoryH2Test extends LeadRepositoryContract {
  @Override
  String kind() {
    return "h2";
  }
}
