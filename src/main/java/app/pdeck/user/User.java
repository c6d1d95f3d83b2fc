package app.pdeck.user;

import app.pdeck.platform.mongo.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;

/** A stored account. Holds the password hash, so it never leaves the service: the API returns {@link UserView}. */
@Entity("users")
public class User {

    @Id
    private String id;

    @Column
    private String email;

    @Column
    private String passwordHash;

    @Column
    private String name;

    @Column
    private Preferences preferences;

    @Column
    private Role role;

    @Column
    @Convert(InstantAsDate.class)
    private Instant createdAt;

    /** Grows with every change; a change is written only from the version it read (see {@link UserStore}). */
    @Column
    private long version;

    /** Set when deletion starts; such an account can no longer sign in and is finished by the deletion sweep. */
    @Column
    @Convert(InstantAsDate.class)
    private Instant deletedAt;

    public User() {
    }

    public User(String id, String email, String passwordHash, String name, Preferences preferences, Role role,
                Instant createdAt) {
        this.id = id;
        this.email = email;
        this.passwordHash = passwordHash;
        this.name = name;
        this.preferences = preferences;
        this.role = role;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Preferences getPreferences() {
        return preferences == null ? new Preferences() : preferences;
    }

    public void setPreferences(Preferences preferences) {
        this.preferences = preferences;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public long getVersion() {
        return version;
    }

    /** What the stored account is after a change made from this copy was written. */
    void changeWritten() {
        version++;
    }

    /** The account as JNoSQL stores it (field names and enum names as it writes them). */
    static User fromDocument(org.bson.Document d) {
        org.bson.Document p = d.get("preferences", org.bson.Document.class);
        Preferences preferences = p == null ? new Preferences()
                : new Preferences(Theme.valueOf(p.getString("theme")), p.getBoolean("notifications", true));
        User user = new User(d.getString("_id"), d.getString("email"), d.getString("passwordHash"),
                d.getString("name"), preferences, Role.valueOf(d.getString("role")), instant(d, "createdAt"));
        user.deletedAt = instant(d, "deletedAt");
        user.version = d.get("version") instanceof Number n ? n.longValue() : 0;
        return user;
    }

    private static Instant instant(org.bson.Document d, String field) {
        java.util.Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    public boolean isBeingDeleted() {
        return deletedAt != null;
    }
}
