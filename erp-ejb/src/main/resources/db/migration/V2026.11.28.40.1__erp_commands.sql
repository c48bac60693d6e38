-- ERP commands answered (erp-ejb): one row per command id, written in the transaction of the
-- command's effect (or of its rejection) together with the reply, so a repeated command gets the
-- same reply and changes nothing.

CREATE TABLE erp_command (
  command_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
  command_type VARCHAR(32)              NOT NULL,
  outcome      VARCHAR(16)              NOT NULL,
  reply        VARCHAR(4000)            NOT NULL,
  message_id   VARCHAR(128),
  processed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_erp_command_processed ON erp_command (processed_at);
