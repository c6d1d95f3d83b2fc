package app.pdeck.user;

public enum Role {
    USER,
    ADMIN
}
