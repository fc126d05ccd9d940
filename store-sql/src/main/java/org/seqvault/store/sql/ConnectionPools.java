package org.seqvault.store.sql;

import com.zaxxer.hikari.HikariDataSource;

/** The pools a store reads and writes through: their connections are set up differently (Dialect.openPools). */
record ConnectionPools(HikariDataSource readers, HikariDataSource writers) implements AutoCloseable {

    @Override
    public void close() {
        try {
            readers.close();
        } finally {
            writers.close();
        }
    }
}
