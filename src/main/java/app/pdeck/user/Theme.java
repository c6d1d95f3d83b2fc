package app.pdeck.user;

public enum Theme {
    LIGHT,
    DARK
}
