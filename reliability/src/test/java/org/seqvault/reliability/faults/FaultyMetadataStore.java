package org.seqvault.reliability.faults;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.seqvault.service.port.AuditRepository;
import org.seqvault.service.port.BlobRepository;
import org.seqvault.service.port.JobRepository;
import org.seqvault.service.port.ExtractionRepository;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.NodeRepository;
import org.seqvault.service.port.ProjectRepository;
import org.seqvault.service.port.StorageRepository;
import org.seqvault.service.port.TokenRepository;
import org.seqvault.service.port.TrashRepository;
import org.seqvault.service.port.UploadRepository;
import org.seqvault.service.port.UserRepository;

/**
 * A metadata store that fails one statement on command, around a real one: the next call of the
 * named repository method throws, inside the transaction that made it, as a broken database
 * would. Everything else reaches the real store unchanged.
 */
final class FaultyMetadataStore implements MetadataStore {
    /** A repository method to fail, e.g. {@code AuditRepository.class, "insert"}. */
    record Strike(Class<?> repository, String method) {
    }

    /** What an injected fault throws: nothing the service knows, so it is an internal error. */
    static final class InjectedFault extends RuntimeException {
        InjectedFault(Strike strike) {
            super("injected fault in " + strike.repository().getSimpleName() + "." + strike.method());
        }
    }

    private final MetadataStore real;
    private final AtomicReference<Strike> next = new AtomicReference<>();

    FaultyMetadataStore(MetadataStore real) {
        this.real = real;
    }

    /** The next call of {@code method} on {@code repository}, in any transaction, throws; later ones do not. */
    void failNext(Class<?> repository, String method) {
        next.set(new Strike(repository, method));
    }

    /** Whether the armed fault has struck. */
    boolean struck() {
        return next.get() == null;
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        return real.read(tx -> work.apply(new FaultyTx(tx)));
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        return real.write(tx -> work.apply(new FaultyTx(tx)));
    }

    @Override
    public void close() {
        real.close();
    }

    private final class FaultyTx implements Tx {
        private final Tx tx;

        FaultyTx(Tx tx) {
            this.tx = tx;
        }

        @Override
        public UserRepository users() {
            return faulty(UserRepository.class, tx.users());
        }

        @Override
        public TokenRepository tokens() {
            return faulty(TokenRepository.class, tx.tokens());
        }

        @Override
        public ProjectRepository projects() {
            return faulty(ProjectRepository.class, tx.projects());
        }

        @Override
        public NodeRepository nodes() {
            return faulty(NodeRepository.class, tx.nodes());
        }

        @Override
        public UploadRepository uploads() {
            return faulty(UploadRepository.class, tx.uploads());
        }

        @Override
        public BlobRepository blobs() {
            return faulty(BlobRepository.class, tx.blobs());
        }

        @Override
        public TrashRepository trash() {
            return faulty(TrashRepository.class, tx.trash());
        }

        @Override
        public StorageRepository storage() {
            return faulty(StorageRepository.class, tx.storage());
        }

        @Override
        public ExtractionRepository extractions() {
            return faulty(ExtractionRepository.class, tx.extractions());
        }

        @Override
        public AuditRepository audit() {
            return faulty(AuditRepository.class, tx.audit());
        }

        @Override
        public JobRepository jobs() {
            return faulty(JobRepository.class, tx.jobs());
        }
    }

    private <R> R faulty(Class<R> type, R repository) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Strike strike = next.get();
            if (strike != null && strike.repository() == type && strike.method().equals(method.getName())
                    && next.compareAndSet(strike, null)) {
                throw new InjectedFault(strike);
            }
            try {
                return method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }
}
