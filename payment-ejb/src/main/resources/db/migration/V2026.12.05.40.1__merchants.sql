-- The merchants PayDesk takes payments for (payment-ejb, io.paydesk.merchant). Secrets are kept by
-- reference only (file:, env:, alias:, config:), never their values. Portable SQL: H2 2.2 and PostgreSQL 14+.

CREATE TABLE merchant (
  mch_id            VARCHAR(32)              NOT NULL PRIMARY KEY,
  appid             VARCHAR(32)              NOT NULL,
  name              VARCHAR(64)              NOT NULL,
  api_key_ref       VARCHAR(255)             NOT NULL,
  cert_ref          VARCHAR(255),
  cert_password_ref VARCHAR(255),
  api_version       VARCHAR(8)               NOT NULL,
  -- a service provider's sub-merchant: mch_id is then its sub_mch_id
  sp_mch_id         VARCHAR(32),
  sp_appid          VARCHAR(32),
  sub_appid         VARCHAR(32),
  enabled           BOOLEAN                  NOT NULL,
  -- the merchant of paydesk.wechat.*: the old notify URLs, and the orders made before merchants
  first_merchant    BOOLEAN                  NOT NULL,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by        VARCHAR(64)              NOT NULL,
  updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  version           BIGINT                   NOT NULL,
  CONSTRAINT ck_merchant_api_version CHECK (api_version IN ('V2', 'V3')),
  CONSTRAINT ck_merchant_sp CHECK ((sp_mch_id IS NULL AND sp_appid IS NULL AND sub_appid IS NULL)
                                   OR (sp_mch_id IS NOT NULL AND sp_appid IS NOT NULL))
);
