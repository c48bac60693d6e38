-- API clients (the shop's backend, the ERP over HTTP, scripts) and their keys (platform).
-- A key's secret is never stored: only the SHA-256 of its 256 random bits. Portable SQL: H2 2.2 and PostgreSQL 14+.

CREATE TABLE api_client (
  name       VARCHAR(64)              NOT NULL PRIMARY KEY,
  enabled    BOOLEAN                  NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by VARCHAR(64)              NOT NULL
);

CREATE TABLE api_client_scope (
  client_name VARCHAR(64) NOT NULL REFERENCES api_client (name),
  scope       VARCHAR(32) NOT NULL,
  PRIMARY KEY (client_name, scope)
);

-- a client holds one key, or two while it rotates (the old one expires at valid_until or is revoked)
CREATE TABLE api_key (
  key_id       VARCHAR(32)              NOT NULL PRIMARY KEY,
  client_name  VARCHAR(64)              NOT NULL REFERENCES api_client (name),
  secret_hash  VARCHAR(64)              NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by   VARCHAR(64)              NOT NULL,
  valid_until  TIMESTAMP WITH TIME ZONE,
  revoked_at   TIMESTAMP WITH TIME ZONE,
  last_used_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_api_key_client_name ON api_key (client_name);
