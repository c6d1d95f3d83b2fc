package app.pdeck.user;

import java.time.Instant;

/** What the API shows of an account: never the password hash. */
public record UserView(String id, String email, String name, PreferencesView preferences, Role role,
                       Instant createdAt, long version) {

    public record PreferencesView(String theme, boolean notifications) {
    }

    static UserView fromDocument(org.bson.Document d) {
        org.bson.Document p = d.get("preferences", new org.bson.Document());
        java.util.Date created = d.getDate("createdAt");
        return new UserView(d.getString("_id"), d.getString("email"), d.getString("name"),
                new PreferencesView(p.getString("theme") == null ? "light" : p.getString("theme").toLowerCase(),
                        p.getBoolean("notifications", true)),
                Role.valueOf(d.getString("role")), created == null ? null : created.toInstant(),
                d.get("version") instanceof Number n ? n.longValue() : 0);
    }

    public static UserView of(User user) {
        Preferences p = user.getPreferences();
        return new UserView(user.getId(), user.getEmail(), user.getName(),
                new PreferencesView(p.getTheme().name().toLowerCase(), p.isNotifications()), user.getRole(),
                user.getCreatedAt(), user.getVersion());
    }
}
