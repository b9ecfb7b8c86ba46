-- Run at every start (spring.sql.init.mode=always), so every statement is idempotent. Statements end
-- with @@ (spring.sql.init.separator) because the DO block has semicolons of its own.
DO $$
BEGIN
    CREATE TYPE product_category AS ENUM ('BOOK', 'GAME', 'TOOL');
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$$@@
CREATE TABLE IF NOT EXISTS product (
    id       bigserial PRIMARY KEY,
    name     text NOT NULL UNIQUE,
    category product_category NOT NULL,
    price    numeric(10, 2) NOT NULL,
    tags     text[] NOT NULL DEFAULT '{}',
    version  bigint NOT NULL
)@@
CREATE TABLE IF NOT EXISTS audit (
    id         bigserial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    note       text NOT NULL CONSTRAINT audit_note_not_blank CHECK (btrim(note) <> '')
)@@
