package org.seqvault.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an audit record says was done, or tried: a stable dotted name that scripts filter on
 * ({@code seqvault admin audit --action file.delete}). Names are never renamed once released.
 */
public enum AuditAction {
    FILE_UPLOAD("file.upload"),
    FILE_RENAME("file.rename"),
    FILE_MOVE("file.move"),
    FILE_COPY("file.copy"),
    FILE_METADATA("file.metadata"),
    FILE_TAGS("file.tags"),
    FILE_DELETE("file.delete"),
    FILE_RESTORE("file.restore"),
    FILE_DOWNLOAD_URL("file.download_url"),
    FOLDER_CREATE("folder.create"),
    TRASH_EMPTY("trash.empty"),
    PROJECT_CREATE("project.create"),
    PROJECT_UPDATE("project.update"),
    PROJECT_DELETE("project.delete"),
    MEMBER_ADD("member.add"),
    MEMBER_UPDATE("member.update"),
    MEMBER_REMOVE("member.remove"),
    TOKEN_CREATE("token.create"),
    TOKEN_REVOKE("token.revoke"),
    USER_CREATE("user.create");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The group of a name: "file" for "file.delete". */
    public String group() {
        return wireName.substring(0, wireName.indexOf('.'));
    }

    public static Optional<AuditAction> byWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }

    /** Every name, comma-separated, for messages that list what is accepted. */
    public static String allWireNames() {
        return Arrays.stream(values()).map(AuditAction::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
