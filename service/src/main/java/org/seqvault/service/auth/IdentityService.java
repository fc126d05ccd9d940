package org.seqvault.service.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Scope;
import org.seqvault.domain.Scopes;
import org.seqvault.domain.Token;
import org.seqvault.domain.User;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Username;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;

/** Users and tokens: authentication, issuing, listing and revoking. Changes are recorded in the audit trail. */
public final class IdentityService {
    private static final long MAX_EXPIRES_IN = Duration.ofDays(3650).toSeconds();
    /**
     * A configured bootstrap secret is chosen by a person, not drawn at random like every other
     * token, and it carries every scope: at least this long, so that guessing it is hopeless.
     */
    public static final int MIN_BOOTSTRAP_SECRET_LENGTH = 32;

    private final MetadataStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final AuditTrail audit;

    public IdentityService(MetadataStore store, Clock clock, IdGenerator ids, AuditTrail audit) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.audit = audit;
    }

    /**
     * Resolves a bearer secret to its principal. Every call reads the database, so a revoked
     * token stops working at once on every replica.
     */
    public Principal authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new UserException(Problem.UNAUTHORIZED, "an API token is required (Authorization: Bearer <token>)");
        }
        String hash = TokenHasher.hash(secret.trim());
        Instant now = clock.now();
        // One query for token and user, outside a transaction: this runs before every authenticated request.
        return store.readOneStatement(tx -> tx.tokens().withUserBySecretHash(hash))
                .filter(owned -> TokenHasher.same(owned.token().secretHash(), hash))
                .filter(owned -> owned.token().usableAt(now))
                .map(owned -> new Principal(owned.user(), owned.token()))
                .orElseThrow(() -> new UserException(Problem.UNAUTHORIZED, "the API token is unknown, expired or revoked"));
    }

    /**
     * On an empty database: creates the user "admin" with an all-scope token, using the
     * configured secret or a fresh one. Returns the token when it created one.
     */
    public Optional<IssuedToken> bootstrap(String configuredSecret) {
        boolean configured = configuredSecret != null && !configuredSecret.isBlank();
        if (configured && configuredSecret.length() < MIN_BOOTSTRAP_SECRET_LENGTH) {
            // Refused even when users exist: a setting that would be unsafe on an empty database is a mistake anyway.
            throw new IllegalArgumentException("the bootstrap token must have at least " + MIN_BOOTSTRAP_SECRET_LENGTH
                    + " characters");
        }
        return store.write(tx -> {
            if (tx.users().count() > 0) {
                return Optional.empty();
            }
            User admin = new User(ids.prefixed("usr_"), new Username("admin"), null, null, null, clock.now());
            if (!tx.users().insert(admin)) {
                return Optional.empty(); // another replica starting at the same moment bootstrapped first
            }
            String secret = configured ? configuredSecret : ids.secret();
            Token token = newToken(admin, secret, Scopes.all(), null, "bootstrap admin token");
            tx.tokens().insert(token);
            audit.bySystem(tx, AuditAction.USER_CREATE, AuditTarget.user(admin), AuditDetail.of().put("bootstrap", true));
            audit.bySystem(tx, AuditAction.TOKEN_CREATE, AuditTarget.token(token, admin), issuedDetail(token)
                    .put("bootstrap", true));
            return Optional.of(new IssuedToken(token, admin, secret));
        });
    }

    public User createUser(Principal caller, Username username, String email, String firstName, String lastName) {
        return audit.attempt(caller, AuditAction.USER_CREATE, AuditSubject.user(username), attempt -> {
            caller.requireScope(Scope.ADMIN);
            User user = new User(ids.prefixed("usr_"), username, blankToNull(email), blankToNull(firstName),
                    blankToNull(lastName), clock.now());
            return store.write(tx -> {
                if (!tx.users().insert(user)) {
                    throw new UserException(Problem.USER_EXISTS, "user '" + username + "' already exists");
                }
                attempt.ok(tx, AuditTarget.user(user), null);
                return user;
            });
        });
    }

    public List<User> listUsers(Principal caller) {
        caller.requireScope(Scope.ADMIN);
        return store.read(tx -> tx.users().list());
    }

    /** An admin issues a token for any user. */
    public IssuedToken issueFor(Principal caller, Username username, Scopes scopes, Long expiresIn, String description) {
        return audit.attempt(caller, List.of(AuditAction.TOKEN_CREATE), AuditSubject.user(username),
                AuditDetail.of().put("scopes", scopes.wireNames()), attempt -> {
                    caller.requireScope(Scope.ADMIN);
                    return store.write(tx -> {
                        User user = tx.users().byUsername(username)
                                .orElseThrow(() -> new UserException(Problem.USER_NOT_FOUND, "no user '" + username + "'"));
                        return issue(tx, attempt, user, scopes, expiresIn, description);
                    });
                });
    }

    /** A user issues a token for themself, with no scope their current token lacks. Needs the tokens scope. */
    public IssuedToken issueOwn(Principal caller, Scopes scopes, Long expiresIn, String description) {
        return audit.attempt(caller, List.of(AuditAction.TOKEN_CREATE), AuditSubject.of(AuditTarget.user(caller.user())),
                AuditDetail.of().put("scopes", scopes.wireNames()), attempt -> {
                    caller.requireScope(Scope.TOKENS);
                    if (!caller.scopes().covers(scopes)) {
                        throw new UserException(Problem.FORBIDDEN,
                                "a new token may not have scopes the calling token lacks: " + scopes.wireNames());
                    }
                    return store.write(tx -> issue(tx, attempt, caller.user(), scopes, expiresIn, description));
                });
    }

    /** The caller's tokens, admin tokens included: so it needs the tokens scope. */
    public List<Token> ownTokens(Principal caller) {
        caller.requireScope(Scope.TOKENS);
        return store.read(tx -> tx.tokens().forUser(caller.userId()));
    }

    /** Revokes one of the caller's tokens (an admin may revoke anyone's). Needs the tokens scope. */
    public void revoke(Principal caller, String tokenId) {
        audit.attempt(caller, AuditAction.TOKEN_REVOKE, AuditSubject.token(tokenId), attempt -> {
            caller.requireScope(Scope.TOKENS);
            return store.write(tx -> {
                Token token = tx.tokens().byId(tokenId)
                        .filter(t -> t.userId().equals(caller.userId()) || caller.isAdmin())
                        .orElseThrow(() -> new UserException(Problem.TOKEN_NOT_FOUND, "no token '" + tokenId + "'"));
                if (tx.tokens().revoke(token.id(), clock.now())) {
                    attempt.ok(tx, AuditTarget.token(token, tx.users().byId(token.userId()).orElse(null)), null);
                }
                return null;
            });
        });
    }

    /**
     * A user by username, as the caller may see it: themself, or anyone to an admin. Anyone else is
     * not found, exactly like a username nobody has, so usernames cannot be probed.
     */
    public User visibleUser(Principal caller, Username username) {
        if (caller.user().username().equals(username)) {
            return caller.user();
        }
        Optional<User> user = caller.isAdmin() ? store.read(tx -> tx.users().byUsername(username)) : Optional.empty();
        return user.orElseThrow(() -> new UserException(Problem.USER_NOT_FOUND, "no user '" + username + "'"));
    }

    public Optional<User> user(String userId) {
        return store.read(tx -> tx.users().byId(userId));
    }

    private IssuedToken issue(MetadataStore.Tx tx, AuditTrail.Attempt attempt, User user, Scopes scopes,
                              Long expiresIn, String description) {
        if (expiresIn != null && (expiresIn <= 0 || expiresIn > MAX_EXPIRES_IN)) {
            throw UserException.invalid("expires_in must be between 1 and " + MAX_EXPIRES_IN + " seconds");
        }
        String secret = ids.secret();
        Token token = newToken(user, secret, scopes, expiresIn, description);
        tx.tokens().insert(token);
        attempt.ok(tx, AuditTarget.token(token, user), issuedDetail(token));
        return new IssuedToken(token, user, secret);
    }

    /** A new token's scopes, lifetime and description: never its secret or hash. */
    private static AuditDetail issuedDetail(Token token) {
        return AuditDetail.of().put("scopes", token.scopes().wireNames()).put("description", token.description())
                .put("expires_at", token.expiresAt() == null ? null : token.expiresAt().toString());
    }

    private Token newToken(User user, String secret, Scopes scopes, Long expiresIn, String description) {
        Instant now = clock.now();
        Instant expires = expiresIn == null ? null : now.plusSeconds(expiresIn);
        return new Token(ids.prefixed("tok_"), user.id(), TokenHasher.hash(secret), scopes,
                blankToNull(description), now, expires, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
