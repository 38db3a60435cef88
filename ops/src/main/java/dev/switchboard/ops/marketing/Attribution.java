package dev.switchboard.ops.marketing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which channel and campaign a trial sign-up is credited to, first rule that applies:
 *
 * <ol>
 *   <li>a referral code → the {@code referral} channel;
 *   <li>{@code utm_campaign} naming a campaign → that campaign and its channel;
 *   <li>{@code utm_source} naming a channel by code or by one of its UTM aliases → that channel;
 *   <li>{@code utm_medium} cpc, ppc, paid, organic or seo → {@code search}; social → {@code
 *       self_media};
 *   <li>otherwise → {@code website}.
 * </ol>
 */
public record Attribution(String channel, String campaign) {

  static Attribution of(
      TrialForm form,
      List<Channel> channels,
      java.util.function.Function<String, Optional<Campaign>> campaigns) {
    if (present(form.referralCode())) {
      return new Attribution("referral", null);
    }
    if (present(form.utmCampaign())) {
      Optional<Campaign> c = campaigns.apply(form.utmCampaign().trim().toLowerCase(Locale.ROOT));
      if (c.isPresent()) {
        return new Attribution(c.get().channel(), c.get().code());
      }
    }
    if (present(form.utmSource())) {
      String source = form.utmSource().trim().toLowerCase(Locale.ROOT);
      for (Channel ch : channels) {
        if (ch.code().equals(source) || ch.utmAliases().contains(source)) {
          return new Attribution(ch.code(), null);
        }
      }
    }
    if (present(form.utmMedium())) {
      switch (form.utmMedium().trim().toLowerCase(Locale.ROOT)) {
        case "cpc", "ppc", "paid", "organic", "seo" -> {
          return new Attribution("search", null);
        }
        case "social" -> {
          return new Attribution("self_media", null);
        }
        default -> {}
      }
    }
    return new Attribution("website", null);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
