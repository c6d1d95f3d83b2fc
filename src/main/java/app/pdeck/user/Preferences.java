package app.pdeck.user;

import jakarta.nosql.Column;
import jakarta.nosql.Embeddable;

/** A user's display preferences; new accounts get the light theme with notifications on. */
@Embeddable
public class Preferences {

    @Column
    private Theme theme = Theme.LIGHT;

    @Column
    private boolean notifications = true;

    public Preferences() {
    }

    public Preferences(Theme theme, boolean notifications) {
        this.theme = theme;
        this.notifications = notifications;
    }

    public Theme getTheme() {
        return theme;
    }

    public boolean isNotifications() {
        return notifications;
    }
}
