package dev.switchboard.ops.marketing;

/**
 * What the public trial sign-up page sends: the prospect's details, the UTM parameters of the
 * page's address, and a referral code when a customer's link brought them.
 */
public record TrialForm(
    String name,
    String phone,
    String email,
    String company,
    String industry,
    String region,
    Integer seats,
    String utmSource,
    String utmMedium,
    String utmCampaign,
    String referralCode) {}
