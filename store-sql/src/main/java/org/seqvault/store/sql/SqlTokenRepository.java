package org.seqvault.store.sql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.seqvault.domain.Token;
import org.seqvault.service.port.TokenRepository;

final class SqlTokenRepository implements TokenRepository {
    private static final TokenRowMapper MAPPER = new TokenRowMapper();
    private static final String SELECT = "SELECT " + TokenRowMapper.COLUMNS + " FROM tokens";
    private final Handle handle;

    SqlTokenRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(Token token) {
        handle.createUpdate("""
                        INSERT INTO tokens (id, user_id, secret_hash, scopes, description, created_at, expires_at,
                                            revoked_at)
                        VALUES (:id, :userId, :secretHash, :scopes, :description, :createdAt, :expiresAt, :revokedAt)""")
                .bind("id", token.id())
                .bind("userId", token.userId())
                .bind("secretHash", token.secretHash())
                .bind("scopes", TokenRowMapper.scopesColumn(token.scopes()))
                .bind("description", token.description())
                .bind("createdAt", Micros.of(token.createdAt()))
                .bind("expiresAt", Micros.of(token.expiresAt()))
                .bind("revokedAt", Micros.of(token.revokedAt()))
                .execute();
    }

    @Override
    public Optional<Token> bySecretHash(String secretHash) {
        return handle.createQuery(SELECT + " WHERE secret_hash = :hash")
                .bind("hash", secretHash)
                .map(MAPPER)
                .findOne();
    }

    @Override
    public Optional<Token> byId(String id) {
        return handle.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id)
                .map(MAPPER)
                .findOne();
    }

    @Override
    public List<Token> forUser(String userId) {
        return handle.createQuery(SELECT + " WHERE user_id = :userId ORDER BY created_at DESC, id DESC")
                .bind("userId", userId)
                .map(MAPPER)
                .list();
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return handle.createUpdate("UPDATE tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("at", Micros.of(at))
                .bind("id", id)
                .execute() == 1;
    }
}
