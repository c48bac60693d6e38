-- The outbox (erp-ejb): events written in the same transaction as the change they announce,
-- published to the broker by the relay in sequence order and then marked sent.

CREATE SEQUENCE outbox_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE outbox_event (
  seq            BIGINT                   NOT NULL PRIMARY KEY,
  event_id       VARCHAR(36)              NOT NULL,
  event_type     VARCHAR(64)              NOT NULL,
  event_version  INTEGER                  NOT NULL,
  aggregate_type VARCHAR(32)              NOT NULL,
  aggregate_id   VARCHAR(64)              NOT NULL,
  payload        VARCHAR(8000)            NOT NULL,
  occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at        TIMESTAMP WITH TIME ZONE,
  CONSTRAINT uq_outbox_event_id UNIQUE (event_id)
);
-- the relay's work list: unsent events in order
CREATE INDEX ix_outbox_unsent ON outbox_event (sent_at, seq);
CREATE INDEX ix_outbox_aggregate ON outbox_event (aggregate_type, aggregate_id, seq);

INSERT INTO job_lease (name) VALUES ('outbox-relay');
