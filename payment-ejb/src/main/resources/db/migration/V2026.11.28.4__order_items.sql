-- What the buyer ordered, as the shop sent it (optional), line by line. Amounts in fen.
CREATE TABLE order_item (
  order_id       BIGINT       NOT NULL REFERENCES orders (id),
  line_no        INTEGER      NOT NULL,
  sku            VARCHAR(64)  NOT NULL,
  name           VARCHAR(128) NOT NULL,
  quantity       INTEGER      NOT NULL,
  unit_price_fen BIGINT       NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT ck_order_item_quantity CHECK (quantity > 0),
  CONSTRAINT ck_order_item_price CHECK (unit_price_fen >= 0)
);
