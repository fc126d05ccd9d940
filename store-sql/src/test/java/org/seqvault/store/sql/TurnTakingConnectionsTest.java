package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Connections go to the threads that asked first, one turn per connection, and a turn comes back with the connection. */
class TurnTakingConnectionsTest {
    @TempDir
    Path dir;

    @Test
    void waitersGetTheirTurnsInTheOrderTheyAsked() throws Exception {
        TurnTakingConnections connections = new TurnTakingConnections(sqlite(), 1);
        Connection held = connections.openConnection();
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int me = i;
            waiters.add(Thread.ofVirtual().start(() -> {
                try {
                    Connection c = connections.openConnection();
                    served.add(me);
                    connections.closeConnection(c);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
            // The next one asks only once this one is queued, so the order of asking is known.
            while (connections.waiting() < i + 1) {
                Thread.onSpinWait();
            }
        }
        connections.closeConnection(held);
        for (Thread t : waiters) {
            t.join();
        }
        assertThat(served).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(connections.waiting()).isZero();
    }

    @Test
    void aTurnComesBackWithTheConnection() throws Exception {
        TurnTakingConnections connections = new TurnTakingConnections(sqlite(), 2);
        for (int i = 0; i < 5; i++) {
            Connection a = connections.openConnection(), b = connections.openConnection();
            connections.closeConnection(a);
            connections.closeConnection(b);
        }
        Connection last = connections.openConnection();
        assertThat(last.isValid(1)).isTrue();
        connections.closeConnection(last);
    }

    private SQLiteDataSource sqlite() {
        return TestDatabase.sqliteFile(dir.resolve("turns.db"));
    }
}
