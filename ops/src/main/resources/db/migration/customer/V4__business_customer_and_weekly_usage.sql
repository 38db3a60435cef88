-- Shared by the business departments (module ops). A customer is a tenant; what marketing and sales
-- learned while winning it, and its weekly usage rolled up from the SIP servers' tables.

-- One row per customer tenant: where it came from and what winning it cost. Written when a deal is
-- won (sales) or a customer is imported (billing); read by metrics (收益度, CAC) and success.
CREATE TABLE customer_profile (
  tenant_id BIGINT PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
  company VARCHAR(200) NOT NULL,
  region VARCHAR(100),
  size_band VARCHAR(32),
  acquisition_channel VARCHAR(64),
  acquisition_campaign VARCHAR(64),
  -- CNY (or the plan's currency) with two decimals; never a floating type.
  acquisition_cost NUMERIC(14, 2),
  acquired_on DATE,
  owner_email VARCHAR(254),
  tier VARCHAR(32),
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX customer_profile_channel_ix ON customer_profile (acquisition_channel);

-- One row per tenant and ISO week (week_start is the Monday, in the business time zone): the
-- usage signals customer success scores. Rolled up from registration_event and call_record for
-- live tenants; written directly for imported or demo history.
CREATE TABLE tenant_usage_week (
  tenant_id BIGINT NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
  week_start DATE NOT NULL,
  seats INTEGER NOT NULL,
  registered_seats INTEGER NOT NULL,
  active_days INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  console_logins INTEGER NOT NULL,
  -- bit set of features used that week: 1 voicemail, 2 forwarding, 4 ring group, 8 transfer,
  -- 16 conference, 32 call recording
  features_used INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, week_start)
);
CREATE INDEX tenant_usage_week_week_ix ON tenant_usage_week (week_start);
