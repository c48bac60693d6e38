-- An API client acts for one merchant (issue 18): an opaque key for the platform (the payment module's mch_id).
-- NULL: the first merchant, as every client made before merchants existed.
ALTER TABLE api_client ADD COLUMN merchant VARCHAR(32);
