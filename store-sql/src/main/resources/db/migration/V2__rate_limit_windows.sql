-- Request counts per rate-limit key (a token id) and fixed window, shared by every replica.
-- The window comes first in the key so dropping past windows is a range delete on the primary key.
CREATE TABLE rate_limit_windows (
    window_start  BIGINT NOT NULL,
    limit_key     TEXT ${bytewise} NOT NULL,
    hits          BIGINT NOT NULL,
    PRIMARY KEY (window_start, limit_key)
);
