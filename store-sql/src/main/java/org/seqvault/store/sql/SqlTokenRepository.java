package org.seqvault.store.sql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.seqvault.domain.Token;
import org.seqvault.service.port.TokenRepository;

final class SqlTokenRepository implements TokenRepository {
    private static final TokenRowMapper MAPPER = new TokenRowMapper();
    private static final UserRowMapper USER = new UserRowMapper("u_");
    private static final String SELECT = "SELECT " + TokenRowMapper.COLUMNS + " FROM tokens";
    /** The token's columns under their own names and the user's under u_-prefixed ones (both have id and created_at). */
    private static final String SELECT_WITH_USER = "SELECT t.id, t.user_id, t.secret_hash, t.scopes, t.description,"
            + " t.created_at, t.expires_at, t.revoked_at, u.id AS u_id, u.username AS u_username, u.email AS u_email,"
            + " u.first_name AS u_first_name, u.last_name AS u_last_name, u.created_at AS u_created_at"
            + " FROM tokens t JOIN users u ON u.id = t.user_id";
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
    public Optional<Owned> withUserBySecretHash(String secretHash) {
        return handle.createQuery(SELECT_WITH_USER + " WHERE t.secret_hash = :hash")
                .bind("hash", secretHash)
                .map((rs, ctx) -> new Owned(MAPPER.map(rs, ctx), USER.map(rs, ctx)))
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
