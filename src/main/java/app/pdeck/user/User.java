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

    public void setDeletedAt(Instant deletedAt) {
        this.deletedAt = deletedAt;
    }

    public boolean isBeingDeleted() {
        return deletedAt != null;
    }
}
