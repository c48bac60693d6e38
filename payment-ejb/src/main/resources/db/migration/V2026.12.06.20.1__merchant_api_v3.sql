-- A merchant on WeChat Pay API v3 (io.paydesk.merchant.entity.ApiV3Keys): its private key, APIv3 key and WeChat Pay
-- public key by reference only (file:, env:, alias:, config:), the certificate serial and the public key's id as they
-- are (identifiers sent in every request and answer). A v3 merchant needs no API v2 key. Portable SQL: H2 2.2 and
-- PostgreSQL 14+.

ALTER TABLE merchant ADD COLUMN v3_private_key_ref VARCHAR(255);
ALTER TABLE merchant ADD COLUMN v3_certificate_serial VARCHAR(64);
ALTER TABLE merchant ADD COLUMN v3_api_key_ref VARCHAR(255);
ALTER TABLE merchant ADD COLUMN v3_public_key_id VARCHAR(64);
ALTER TABLE merchant ADD COLUMN v3_public_key_ref VARCHAR(255);
ALTER TABLE merchant ALTER COLUMN api_key_ref DROP NOT NULL;
