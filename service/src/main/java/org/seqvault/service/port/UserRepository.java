package org.seqvault.service.port;

import java.util.List;
import java.util.Optional;
import org.seqvault.domain.User;
import org.seqvault.domain.Username;

public interface UserRepository {
    /** Inserts a user; returns false (and changes nothing) when the username is taken. */
    boolean insert(User user);

    Optional<User> byId(String id);

    Optional<User> byUsername(Username username);

    /** All users ordered by username. */
    List<User> list();

    long count();
}
