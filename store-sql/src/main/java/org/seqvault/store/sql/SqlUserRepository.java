package org.seqvault.store.sql;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.seqvault.domain.User;
import org.seqvault.domain.Username;
import org.seqvault.service.port.UserRepository;

final class SqlUserRepository implements UserRepository {
    private static final UserRowMapper MAPPER = new UserRowMapper();
    private final Handle handle;

    SqlUserRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean insert(User user) {
        return handle.createUpdate("""
                        INSERT INTO users (id, username, email, first_name, last_name, created_at)
                        VALUES (:id, :username, :email, :firstName, :lastName, :createdAt)
                        ON CONFLICT DO NOTHING""")
                .bind("id", user.id())
                .bind("username", user.username().value())
                .bind("email", user.email())
                .bind("firstName", user.firstName())
                .bind("lastName", user.lastName())
                .bind("createdAt", Micros.of(user.createdAt()))
                .execute() == 1;
    }

    @Override
    public Optional<User> byId(String id) {
        return handle.createQuery("SELECT " + UserRowMapper.COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map(MAPPER)
                .findOne();
    }

    @Override
    public Optional<User> byUsername(Username username) {
        return handle.createQuery("SELECT " + UserRowMapper.COLUMNS + " FROM users WHERE username = :username")
                .bind("username", username.value())
                .map(MAPPER)
                .findOne();
    }

    @Override
    public List<User> list() {
        return handle.createQuery("SELECT " + UserRowMapper.COLUMNS + " FROM users ORDER BY username")
                .map(MAPPER)
                .list();
    }

    @Override
    public long count() {
        return handle.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one();
    }
}
