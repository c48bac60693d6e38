-- Staff limited to some merchants (issue 18): opaque merchant keys (the payment module's mch_ids). No row: every merchant.
CREATE TABLE staff_user_merchant (
  username VARCHAR(64) NOT NULL REFERENCES staff_user (username),
  merchant VARCHAR(32) NOT NULL,
  PRIMARY KEY (username, merchant)
);
