-- Staff who log in to PayDesk (the console and the staff API), with PBKDF2 password hashes and roles.
CREATE TABLE staff_user (
  username      VARCHAR(64)              NOT NULL PRIMARY KEY,
  password_hash VARCHAR(512)             NOT NULL,
  enabled       BOOLEAN                  NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by    VARCHAR(64)              NOT NULL
);

CREATE TABLE staff_user_role (
  username VARCHAR(64) NOT NULL REFERENCES staff_user (username),
  role     VARCHAR(16) NOT NULL,
  PRIMARY KEY (username, role)
);
